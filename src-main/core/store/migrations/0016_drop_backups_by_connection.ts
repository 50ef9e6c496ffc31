/**
 * Schema 16: drops `backups_by_connection` (schema 15). With it, SQLite's planner served the list's first page
 * (`WHERE connection_id = ? ORDER BY create_time DESC ... LIMIT 200`) from that index and sorted all 100,000 of the
 * connection's rows in a temporary B-tree (23–33 ms) instead of walking `backups_by_create_time` in order (1–3 ms),
 * more than the count it was made for saved. A connection's whole list is counted without it now
 * (`countConnectionBackups` in store/backups.repo.ts).
 */
export const migration0016 = {
  version: 16,
  name: 'drop_backups_by_connection',
  sql: `
DROP INDEX IF EXISTS backups_by_connection;
`
} as const
