import Database from 'better-sqlite3'
import { existsSync, renameSync, rmSync } from 'node:fs'
import { listBackupCopies, verifyCopy } from './backup-copies.ts'

/** What a corruption recovery did, for the UI to tell the admin (docs/reliability.md#r19). */
export type Recovery = {
  /** The damaged file, moved aside and kept for support. */
  quarantinedPath: string
  /** The verified backup copy the data came back from; null when there was none and the app started fresh. */
  restoredFrom: string | null
  /** Why the file was judged damaged. */
  reason: string
}

/**
 * Moves the damaged database (and its -wal/-shm, which belong to it) aside and puts the newest verified backup
 * copy in its place. The copy is written with VACUUM INTO from a closed backup, never a file copy of a live
 * database. With no usable copy, nothing is put in place and the caller starts fresh.
 */
export function quarantineAndRestore(path: string, backupDir: string, now: number, reason: string): Recovery {
  const quarantinedPath = `${path}.corrupt-${new Date(now).toISOString().replace(/[-:.]/g, '')}`
  renameSync(path, quarantinedPath)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, quarantinedPath + suffix)
  }
  for (const copy of listBackupCopies(backupDir)) {
    if (!verifyCopy(copy.path)) continue
    if (restoreCopy(copy.path, path)) return { quarantinedPath, restoredFrom: copy.path, reason }
  }
  return { quarantinedPath, restoredFrom: null, reason }
}

function restoreCopy(copyPath: string, targetPath: string): boolean {
  let copy: Database.Database | undefined
  try {
    copy = new Database(copyPath, { fileMustExist: true, readonly: true })
    copy.prepare('VACUUM INTO ?').run(targetPath)
    return true
  } catch {
    rmSync(targetPath, { force: true })
    return false
  } finally {
    copy?.close()
  }
}
