/**
 * Schema 4: a backup request remembers the cluster's MANUAL backup ids that existed before it was sent, so that
 * reconciling an unknown outcome claims only a backup the request could have made (docs/reliability.md#r25; issue #11
 * item 8). NULL for requests recorded before this step: their reconciliation falls back to time and unclaimed ids.
 */
export const migration0004 = {
  version: 4,
  name: 'intent-known-backups',
  sql: `
ALTER TABLE backup_intents ADD COLUMN known_backup_ids TEXT
  CHECK (known_backup_ids IS NULL OR json_valid(known_backup_ids));
-- "Has another request claimed this backup?" is one probe per candidate.
CREATE INDEX backup_intents_by_backup ON backup_intents (connection_id, backup_id) WHERE backup_id IS NOT NULL;
`
} as const
