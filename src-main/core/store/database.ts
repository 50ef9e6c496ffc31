import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { CoreError } from '#contract/errors'
import { defaultBackupDir } from './backup-copies.ts'
import { clearCache } from './mirror.repo.ts'
import { migrate, type MigrationOutcome } from './migrate.ts'
import { MIGRATIONS, type Migration } from './migrations/index.ts'
import { quarantineAndRestore, type Recovery } from './recovery.ts'
import { isCorruptionError, toStoreError } from './store-errors.ts'

export type { Recovery } from './recovery.ts'

/** The app's single writer connection. Repositories take this; only `core/store` touches `sqlite`. */
export type StoreDatabase = {
  readonly path: string
  readonly sqlite: Database.Database
  /** A prepared statement, compiled once per connection and reused. */
  prepare(sql: string): Database.Statement
  /** Checkpoints the WAL into the main file (TRUNCATE), then closes. Safe to call twice. */
  close(): void
}

export type OpenOptions = {
  /** Where verified copies live; defaults to `backups/` next to the database. */
  backupDir?: string
  /** Test seam: the schema steps to apply. */
  migrations?: readonly Migration[]
  /** At least 5000 ms (docs/reliability.md#r16). */
  busyTimeoutMs?: number
  now?: () => number
}

type OpenResult = {
  db: StoreDatabase
  /** Non-null when the file was damaged and had to be replaced; the UI tells the admin. */
  recovered: Recovery | null
  migrated: MigrationOutcome
}

const MIN_BUSY_TIMEOUT_MS = 5000

/** Marks a failed `quick_check`, which (unlike SQLITE_CORRUPT) is not an exception SQLite throws itself. */
class QuickCheckFailed extends Error {}

/**
 * Opens (creating if needed) the database, asserts its pragmas, checks it and migrates it. A damaged file is
 * quarantined and replaced by the newest verified backup, whose cache tables are emptied for the next sync to
 * rebuild (docs/reliability.md#r19); drafts, intents, jobs and history come back from the copy.
 */
export function openDatabase(path: string, options: OpenOptions = {}): OpenResult {
  const busyTimeoutMs = options.busyTimeoutMs ?? MIN_BUSY_TIMEOUT_MS
  if (busyTimeoutMs < MIN_BUSY_TIMEOUT_MS) {
    throw new CoreError('input/invalid', `The busy timeout must be at least ${MIN_BUSY_TIMEOUT_MS} ms.`)
  }
  const migrations = options.migrations ?? MIGRATIONS
  const now = options.now ?? Date.now
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    throw new CoreError('store/failed', `Could not create the data folder ${dirname(path)}.`, undefined, {
      cause: error
    })
  }
  try {
    const { db, migrated } = openChecked(path, busyTimeoutMs, migrations)
    return { db, recovered: null, migrated }
  } catch (error) {
    if (!(error instanceof QuickCheckFailed) && !isCorruptionError(error)) {
      throw toStoreError(error, 'open the local data')
    }
    const reason = error instanceof Error ? error.message : String(error)
    const recovered = quarantineAndRestore(path, options.backupDir ?? defaultBackupDir(path), now(), reason)
    try {
      const { db, migrated } = openChecked(path, busyTimeoutMs, migrations)
      if (recovered.restoredFrom !== null) clearCache(db)
      return { db, recovered, migrated }
    } catch (retryError) {
      throw toStoreError(retryError, 'open the recovered local data')
    }
  }
}

function openChecked(
  path: string,
  busyTimeoutMs: number,
  migrations: readonly Migration[]
): { db: StoreDatabase; migrated: MigrationOutcome } {
  const sqlite = new Database(path, { timeout: busyTimeoutMs })
  try {
    applyPragmas(sqlite, busyTimeoutMs)
    const check = sqlite.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new QuickCheckFailed(`quick_check reported: ${String(check)}`)
    const migrated = migrate(sqlite, migrations)
    return { db: wrap(path, sqlite), migrated }
  } catch (error) {
    sqlite.close()
    throw error
  }
}

/**
 * WAL with synchronous=FULL: commits survive app crashes and power loss (WAL+NORMAL may drop the last commits
 * on power loss). `synchronous` must be set after `journal_mode`, and each value is read back because a pragma
 * that did not take (a read-only medium, an unusual build) fails silently (docs/reliability.md#r16).
 */
function applyPragmas(sqlite: Database.Database, busyTimeoutMs: number): void {
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
  const actual = readPragmas(sqlite)
  const problems = [
    actual.journalMode === 'wal' ? null : `journal_mode is ${actual.journalMode}, expected wal`,
    actual.synchronous === 2 ? null : `synchronous is ${actual.synchronous}, expected 2 (FULL)`,
    actual.foreignKeys === 1 ? null : `foreign_keys is ${actual.foreignKeys}, expected 1`,
    actual.busyTimeoutMs >= MIN_BUSY_TIMEOUT_MS ? null : `busy_timeout is ${actual.busyTimeoutMs} ms`
  ].filter((p): p is string => p !== null)
  if (problems.length > 0) {
    throw new CoreError('store/failed', `The local database could not be set up safely: ${problems.join('; ')}.`)
  }
}

type StorePragmas = { journalMode: string; synchronous: number; foreignKeys: number; busyTimeoutMs: number }

export function readPragmas(sqlite: Database.Database): StorePragmas {
  return {
    journalMode: String(sqlite.pragma('journal_mode', { simple: true })),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    foreignKeys: Number(sqlite.pragma('foreign_keys', { simple: true })),
    busyTimeoutMs: Number(sqlite.pragma('busy_timeout', { simple: true }))
  }
}

function wrap(path: string, sqlite: Database.Database): StoreDatabase {
  const statements = new Map<string, Database.Statement>()
  let isClosed = false
  return {
    path,
    sqlite,
    prepare(sql) {
      let statement = statements.get(sql)
      if (statement === undefined) {
        statement = sqlite.prepare(sql)
        statements.set(sql, statement)
      }
      return statement
    },
    close() {
      if (isClosed) return
      isClosed = true
      try {
        sqlite.pragma('wal_checkpoint(TRUNCATE)')
      } finally {
        sqlite.close()
      }
    }
  }
}
