/**
 * Schema 15: the first page of a connection's whole backup list (`backup/list` with no filter, the first visit to
 * Backups) counted the connection's backups by stepping through 100,000 entries of the primary key, 7–18 ms of the
 * host before the page could be drawn (bench/ui-backups). With this index the other connections' backups are counted
 * by two range searches (none, with one organization) and taken from the table's own count, which SQLite reads from
 * its pages' headers (`countConnectionBackups` in store/backups.repo.ts): ≈ 0.2 ms.
 */
export const migration0015 = {
  version: 15,
  name: 'backups_by_connection',
  sql: `
CREATE INDEX backups_by_connection ON backups (connection_id);
`
} as const
