import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/**
 * A value that differs whenever the database may have changed since it was last read: SQLite's `total_changes()`
 * counts every row this connection (the app's one writer) inserted, updated or deleted since it opened, committed
 * or rolled back, and `PRAGMA data_version` moves when another connection (the CLI) commits. Equal values: nothing
 * was written in between, so anything computed from the database still holds. Two small reads, no table scanned.
 */
export function dataGeneration(db: StoreDatabase): string {
  return readQuery('read the data generation', () => {
    const changes = db.prepare('SELECT total_changes() AS n').get() as { n: number }
    const version = db.sqlite.pragma('data_version', { simple: true }) as number
    return `${String(version)}:${String(changes.n)}`
  })
}
