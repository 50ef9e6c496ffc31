import type { KeyValueStore } from '../schedule/ledger.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/** The `settings` key/value table (schema 2): notification settings and the watcher's watermarks. */
export function createSettingsRepo(db: StoreDatabase): KeyValueStore {
  return {
    read(key) {
      const row = readQuery('read a setting', () =>
        db.prepare('SELECT value FROM settings WHERE key = ?').get(key)
      ) as { value: string } | undefined
      return row === undefined ? null : row.value
    },
    write(key, value) {
      writeTransaction(db, 'save a setting', () => {
        db.prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
        ).run(key, value)
      })
    }
  }
}
