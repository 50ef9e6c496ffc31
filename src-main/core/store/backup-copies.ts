import Database from 'better-sqlite3'
import { mkdirSync, readdirSync, renameSync, rmSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { CoreError } from '#contract/errors'
import type { StoreDatabase } from './database.ts'
import { toStoreError } from './store-errors.ts'

/** A verified copy of the database, taken online (docs/reliability.md#r20). */
type BackupCopy = { path: string; takenAt: number }

const COPY_PATTERN = /^backup-desk-(\d{8}T\d{9}Z)\.db$/
const DAY_MS = 24 * 60 * 60 * 1000

/** Where copies go unless the host says otherwise: a `backups` folder next to the database. */
export function defaultBackupDir(databasePath: string): string {
  return join(dirname(databasePath), 'backups')
}

/**
 * Copies the live database with SQLite's online backup API (never a file copy, which can tear a live WAL
 * database), checks the copy with `integrity_check`, and keeps the newest `keep` copies. A copy that fails the
 * check is deleted and reported; older good copies are left alone.
 */
export async function backupDatabase(
  db: StoreDatabase,
  dir: string,
  keep = 5,
  now: () => number = Date.now
): Promise<BackupCopy> {
  if (!Number.isInteger(keep) || keep < 1) throw new CoreError('input/invalid', 'Keep at least one backup copy.')
  const takenAt = freeTimestamp(dir, now())
  const finalPath = join(dir, copyName(takenAt))
  const partialPath = `${finalPath}.partial`
  try {
    mkdirSync(dir, { recursive: true })
    await db.sqlite.backup(partialPath)
  } catch (error) {
    rmSync(partialPath, { force: true })
    throw toStoreError(error, 'back up the local data')
  }
  if (!verifyCopy(partialPath)) {
    rmSync(partialPath, { force: true })
    throw new CoreError('store/failed', 'Could not back up the local data: the copy failed its integrity check.')
  }
  renameSync(partialPath, finalPath)
  rotate(dir, keep)
  return { path: finalPath, takenAt }
}

/** Takes a copy when the newest one is older than `maxAgeMs` (default 24 h); the core calls this at start. */
export async function backupIfDue(
  db: StoreDatabase,
  dir: string,
  options: { keep?: number; maxAgeMs?: number; now?: () => number } = {}
): Promise<BackupCopy | null> {
  const now = options.now ?? Date.now
  const newest = listBackupCopies(dir)[0]
  if (newest && now() - newest.takenAt < (options.maxAgeMs ?? DAY_MS)) return null
  return backupDatabase(db, dir, options.keep, now)
}

/** Finished copies, newest first. */
export function listBackupCopies(dir: string): BackupCopy[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .flatMap((name) => {
      const stamp = COPY_PATTERN.exec(name)?.[1]
      return stamp === undefined ? [] : [{ path: join(dir, name), takenAt: parseStamp(stamp) }]
    })
    .sort((a, b) => b.takenAt - a.takenAt)
}

/**
 * Opens a copy that no app is using, converts it to a self-contained rollback-journal file and runs the full
 * `integrity_check`. Any failure to open or read counts as "not verified".
 */
export function verifyCopy(path: string): boolean {
  let copy: Database.Database | undefined
  try {
    copy = new Database(path, { fileMustExist: true })
    copy.pragma('journal_mode = DELETE')
    const result = copy.pragma('integrity_check', { simple: true })
    return result === 'ok'
  } catch {
    return false
  } finally {
    copy?.close()
  }
}

function rotate(dir: string, keep: number): void {
  for (const old of listBackupCopies(dir).slice(keep)) rmSync(old.path, { force: true })
  for (const name of readdirSync(dir)) {
    if (name.startsWith('backup-desk-') && name.endsWith('.partial')) rmSync(join(dir, name), { force: true })
  }
}

/** Two copies in the same millisecond would share a name; the later one moves to the next free millisecond. */
function freeTimestamp(dir: string, at: number): number {
  let candidate = at
  const newest = listBackupCopies(dir)[0]
  if (newest && newest.takenAt >= candidate) candidate = newest.takenAt + 1
  while (existsSync(join(dir, copyName(candidate)))) candidate += 1
  return candidate
}

function copyName(takenAt: number): string {
  return `backup-desk-${new Date(takenAt).toISOString().replace(/[-:.]/g, '')}.db`
}

function parseStamp(stamp: string): number {
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:` +
    `${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`
  return Date.parse(iso)
}
