import type { StoreDatabase } from './database.ts'
import { toStoreError } from './store-errors.ts'

/**
 * Runs `work` as one write transaction. BEGIN IMMEDIATE takes the write lock up front, so a busy database fails
 * at the start instead of half-way; any throw rolls everything back, and SQLite failures leave as a typed
 * `CoreError` naming `action` (docs/reliability.md#r21).
 */
export function writeTransaction<T>(db: StoreDatabase, action: string, work: () => T): T {
  try {
    return db.sqlite.transaction(work).immediate()
  } catch (error) {
    throw toStoreError(error, action)
  }
}

/** Reads, with the same error mapping (a damaged or vanished file surfaces as `store/failed`). */
export function readQuery<T>(action: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw toStoreError(error, action)
  }
}

/**
 * A transaction that writes only this connection's TEMP tables (scratch space such as a sync's staged backup
 * list): deferred, so it never takes the database's write lock that other processes (the CLI) wait for.
 */
export function tempTransaction<T>(db: StoreDatabase, action: string, work: () => T): T {
  try {
    return db.sqlite.transaction(work).deferred()
  } catch (error) {
    throw toStoreError(error, action)
  }
}
