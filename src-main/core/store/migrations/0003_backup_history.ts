/**
 * Schema 3: the local history of backups. Zilliz Cloud's List Backups forgets a backup once it expires or is
 * deleted; this table remembers every backup a sync has seen. It is local data, like drafts: the cache rebuild
 * (`clearCache`) never empties it, only removing the connection does (the foreign key), and the history prune
 * (`pruneObservedBackups`, setting `historyRetentionDays`) drops rows gone for longer than the retention.
 */
export const migration0003 = {
  version: 3,
  name: 'backup-history',
  sql: `
CREATE TABLE observed_backups (
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  backup_id TEXT NOT NULL,
  backup_name TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  backup_type TEXT NOT NULL CHECK (backup_type IN ('CLUSTER', 'COLLECTION')),
  creation_method TEXT NOT NULL CHECK (creation_method IN ('AUTO', 'MANUAL')),
  -- The API's status while listed; EXPIRED or DELETED once a complete list no longer has it.
  status TEXT NOT NULL CHECK (status IN ('AVAILABLE', 'CREATING', 'DELETED', 'EXPIRED')),
  size REAL NOT NULL CHECK (size >= 0),
  create_time INTEGER NOT NULL,
  expire_time INTEGER,
  first_seen_at INTEGER NOT NULL,
  -- While listed, the backup was last seen by its connection's newest list (observed_lists.seen_at); the
  -- column holds that time once it is gone. Not rewriting 100,000 rows per sync keeps the sync fast.
  last_seen_at INTEGER NOT NULL,
  -- When a complete list first lacked it; NULL while it is listed.
  gone_at INTEGER,
  -- 1 once any sync saw it AVAILABLE: an expired or deleted backup that was good still counts for the RPO.
  was_available INTEGER NOT NULL CHECK (was_available IN (0, 1)),
  PRIMARY KEY (backup_id, connection_id)
) STRICT;
CREATE INDEX observed_backups_by_cluster ON observed_backups (cluster_id, create_time);
CREATE INDEX observed_backups_listed ON observed_backups (connection_id) WHERE gone_at IS NULL;
CREATE INDEX observed_backups_gone ON observed_backups (gone_at) WHERE gone_at IS NOT NULL;

-- When each connection's newest complete backup list was folded into the history.
CREATE TABLE observed_lists (
  connection_id TEXT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
  seen_at INTEGER NOT NULL
) STRICT;

-- Each status a backup moved to after it was first seen (CREATING → AVAILABLE, → EXPIRED, ...).
CREATE TABLE observed_backup_statuses (
  connection_id TEXT NOT NULL,
  backup_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('AVAILABLE', 'CREATING', 'DELETED', 'EXPIRED')),
  at INTEGER NOT NULL,
  FOREIGN KEY (backup_id, connection_id) REFERENCES observed_backups (backup_id, connection_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX observed_backup_statuses_by_backup ON observed_backup_statuses (backup_id, connection_id, at);
`
} as const
