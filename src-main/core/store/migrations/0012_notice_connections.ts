/**
 * Schema 12: a notice belongs to the connection (organization) whose mirror raised it, as a draft does. Keyed by
 * cluster id alone, the ledger showed an earlier emulator run's notices, or another organization's with the same
 * cluster id, on a new connection, and a notice raised by one organization silenced the same key in another.
 */
export const migration0012 = {
  version: 12,
  name: 'notice_connections',
  sql: `
-- SQLite cannot add a foreign key or change a UNIQUE in place: the ledger is rebuilt, rows and ids kept.
-- connection_id is NULL only for a digest (about the whole fleet); a notice goes away with its connection, as
-- the mirror it was derived from does.
CREATE TABLE notifications_v12 (
  id INTEGER PRIMARY KEY,
  connection_id TEXT REFERENCES connections (id) ON DELETE CASCADE,
  cluster_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN
    ('upcoming', 'missed', 'missed-unverified', 'stuck', 'failed', 'expiring', 'expired', 'drift', 'digest')),
  slot INTEGER NOT NULL,
  backup_id TEXT,
  title TEXT NOT NULL CHECK (length(title) <= 500),
  body TEXT NOT NULL CHECK (length(body) <= 4000),
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  created_at INTEGER NOT NULL,
  read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
  delivered_at INTEGER,
  CHECK ((connection_id IS NULL) = (kind = 'digest'))
) STRICT;
-- An old notice goes to the oldest connection that lists its cluster AND existed when it was raised; one no
-- connection could have raised (an earlier emulator run, a removed organization) is dropped.
INSERT INTO notifications_v12
    (id, connection_id, cluster_id, kind, slot, backup_id, title, body, severity, created_at, read, delivered_at)
  SELECT id, connection_id, cluster_id, kind, slot, backup_id, title, body, severity, created_at, read, delivered_at
  FROM (SELECT n.*, CASE WHEN n.kind = 'digest' THEN NULL ELSE (
          SELECT k.connection_id FROM clusters k JOIN connections c ON c.id = k.connection_id
          WHERE k.cluster_id = n.cluster_id AND c.created_at <= n.created_at ORDER BY c.created_at, c.id LIMIT 1)
        END AS connection_id
        FROM notifications n)
  WHERE kind = 'digest' OR connection_id IS NOT NULL;
DROP TABLE notifications;
ALTER TABLE notifications_v12 RENAME TO notifications;
-- The exactly-once key, now per connection. Cluster id first: the watcher's "already noted?" probes and the
-- health facts look up (cluster, kind, slot) and check the connection on the row.
CREATE UNIQUE INDEX notifications_key ON notifications (cluster_id, kind, slot, IFNULL(connection_id, ''));
CREATE INDEX notifications_newest ON notifications (created_at, id);
CREATE INDEX notifications_unread ON notifications (created_at) WHERE read = 0;
CREATE INDEX notifications_unread_severity ON notifications (severity, kind) WHERE read = 0;
CREATE INDEX notifications_undelivered ON notifications (created_at) WHERE delivered_at IS NULL;
`
} as const
