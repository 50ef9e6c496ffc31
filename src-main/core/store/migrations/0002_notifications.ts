/**
 * Schema 2: the notification ledger, the settings key/value table, and the indexes the watcher's re-plan needs
 * so that it asks SQLite for instants instead of reading every backup (docs/reliability.md#r29).
 */
export const migration0002 = {
  version: 2,
  name: 'notifications',
  sql: `
-- One row per notice ever raised. UNIQUE (cluster_id, kind, slot) is what makes a notice exactly-once across
-- restarts: the watcher inserts with INSERT OR IGNORE and treats a duplicate as already raised.
-- kind holds the contract's kinds plus 'missed-unverified' (listed as 'missed'); cluster_id '*' is a digest.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN
    ('upcoming', 'missed', 'missed-unverified', 'stuck', 'failed', 'expiring', 'expired', 'digest')),
  slot INTEGER NOT NULL,
  backup_id TEXT,
  title TEXT NOT NULL CHECK (length(title) <= 500),
  body TEXT NOT NULL CHECK (length(body) <= 4000),
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  created_at INTEGER NOT NULL,
  read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
  -- NULL while the notice waits to be shown: held by quiet hours, or raised just before the app closed.
  -- Surviving a restart undelivered is what lets held notices still arrive (once, in a digest) after it.
  delivered_at INTEGER,
  UNIQUE (cluster_id, kind, slot)
) STRICT;
CREATE INDEX notifications_newest ON notifications (created_at, id);
CREATE INDEX notifications_unread ON notifications (created_at) WHERE read = 0;
-- Covers the tray summary's unread count and worst severity without reading rows.
CREATE INDEX notifications_unread_severity ON notifications (severity, kind) WHERE read = 0;
CREATE INDEX notifications_undelivered ON notifications (created_at) WHERE delivered_at IS NULL;

CREATE TABLE settings (
  key TEXT PRIMARY KEY CHECK (length(key) <= 200),
  value TEXT NOT NULL
) STRICT;

-- Re-plan lookups on the cache tables of schema 1: next stuck deadline and stuck backups, failed jobs by end.
CREATE INDEX backups_creating ON backups (create_time) WHERE status = 'CREATING';
CREATE INDEX backups_available_by_expiry ON backups (expire_time, cluster_id) WHERE status = 'AVAILABLE';
CREATE INDEX backups_auto_by_cluster ON backups (cluster_id, create_time) WHERE creation_method = 'AUTO';
CREATE INDEX jobs_failed_by_end ON jobs (end_time) WHERE status = 'FAILED';
`
} as const
