/**
 * Schema 1, in the one form every migration has: a TypeScript constant, because Node (tests, browser host)
 * cannot import .sql and Vite's ?raw works only in the Electron bundle. Released: never edit its SQL.
 */
export const migration0001 = {
  version: 1,
  name: 'init',
  sql: `
-- Schema 1. Times are INTEGER epoch milliseconds, UTC. JSON columns are checked with json_valid.
-- Cache tables (projects, clusters, policies, backups) are a mirror of the cloud: they carry connection_id,
-- cascade away with their connection, and may be emptied at any time (the next sync rebuilds them).
-- Local tables (drafts, backup_intents, jobs, policy_history) hold what only this machine knows.

CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  base_url TEXT NOT NULL CHECK (length(base_url) BETWEEN 1 AND 2000),
  tag TEXT CHECK (tag IS NULL OR length(tag) <= 50),
  created_at INTEGER NOT NULL,
  last_sync_at INTEGER,
  last_sync_error TEXT
) STRICT;

CREATE TABLE sync_state (
  connection_id TEXT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
  last_started_at INTEGER,
  last_finished_at INTEGER,
  last_error TEXT,
  projects_stale INTEGER NOT NULL DEFAULT 1 CHECK (projects_stale IN (0, 1)),
  clusters_stale INTEGER NOT NULL DEFAULT 1 CHECK (clusters_stale IN (0, 1)),
  policies_stale INTEGER NOT NULL DEFAULT 1 CHECK (policies_stale IN (0, 1)),
  backups_stale INTEGER NOT NULL DEFAULT 1 CHECK (backups_stale IN (0, 1))
) STRICT;

CREATE TABLE projects (
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  project_id TEXT NOT NULL,
  project_name TEXT NOT NULL,
  plan TEXT,
  PRIMARY KEY (connection_id, project_id)
) STRICT;

-- No foreign keys between cache tables: each list is replaced on its own (R27) without cascading into another.
CREATE TABLE clusters (
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  cluster_id TEXT NOT NULL,
  cluster_name TEXT NOT NULL,
  project_id TEXT NOT NULL,
  region_id TEXT NOT NULL,
  plan TEXT NOT NULL,
  deployment TEXT NOT NULL CHECK (deployment IN ('Dedicated', 'Serverless', 'Free')),
  cu_type TEXT NOT NULL,
  cu_size REAL NOT NULL,
  status TEXT NOT NULL,
  create_time INTEGER,
  PRIMARY KEY (connection_id, cluster_id)
) STRICT;
CREATE INDEX clusters_by_project ON clusters (project_id);

CREATE TABLE policies (
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  cluster_id TEXT NOT NULL,
  policy TEXT NOT NULL CHECK (json_valid(policy)),
  read_at INTEGER NOT NULL,
  PRIMARY KEY (cluster_id, connection_id)
) STRICT;

CREATE TABLE backups (
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  backup_id TEXT NOT NULL,
  backup_name TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  cluster_name TEXT NOT NULL,
  project_id TEXT NOT NULL,
  backup_type TEXT NOT NULL CHECK (backup_type IN ('CLUSTER', 'COLLECTION')),
  creation_method TEXT NOT NULL CHECK (creation_method IN ('AUTO', 'MANUAL')),
  status TEXT NOT NULL CHECK (status IN ('AVAILABLE', 'CREATING', 'DELETED')),
  size REAL NOT NULL CHECK (size >= 0),
  create_time INTEGER NOT NULL,
  expire_time INTEGER,
  -- backup_id first: backups are looked up by ID alone (IDs are unique across Zilliz Cloud).
  PRIMARY KEY (backup_id, connection_id)
) STRICT;
-- The backup list's default order and the per-cluster views (newest backup, missed-window checks).
-- The trailing (backup_id, connection_id) is the list's tie-breaker, so a page is read straight off the index.
CREATE INDEX backups_by_create_time ON backups (create_time, backup_id, connection_id);
CREATE INDEX backups_by_cluster ON backups (cluster_id, create_time, backup_id, connection_id);
CREATE INDEX backups_by_project ON backups (project_id, create_time, backup_id, connection_id);
-- Expiry warnings scan by expire_time (R29).
CREATE INDEX backups_by_expire_time ON backups (expire_time);

CREATE TABLE jobs (
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  job_id TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  backup_id TEXT,
  action TEXT NOT NULL CHECK (action IN
    ('create-backup', 'delete-backup', 'restore-cluster', 'restore-collection', 'export-backup')),
  type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN
    ('PENDING', 'IN_PROGRESS', 'SUCCESSFUL', 'FAILED', 'CANCELING', 'CANCELED')),
  progress REAL NOT NULL CHECK (progress BETWEEN 0 AND 100),
  start_time INTEGER,
  end_time INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (connection_id, job_id)
) STRICT;
-- The watcher polls only jobs that can still change.
CREATE INDEX jobs_active ON jobs (updated_at)
  WHERE status NOT IN ('SUCCESSFUL', 'FAILED', 'CANCELED');
CREATE INDEX jobs_by_cluster ON jobs (cluster_id, created_at);

-- R25: an intent is committed before create-backup is sent, so a retry, crash or double click can be
-- reconciled instead of repeated.
CREATE TABLE backup_intents (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  cluster_id TEXT NOT NULL,
  params TEXT NOT NULL CHECK (json_valid(params)),
  requested_at_server_ms INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('PENDING', 'CONFIRMED', 'FAILED', 'UNKNOWN')),
  backup_id TEXT,
  job_id TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX backup_intents_one_pending_per_cluster ON backup_intents (connection_id, cluster_id)
  WHERE state = 'PENDING';
CREATE INDEX backup_intents_unresolved ON backup_intents (requested_at_server_ms)
  WHERE state IN ('PENDING', 'UNKNOWN');

-- Drafts deliberately have no foreign key: they survive cache wipes, a cluster leaving the cache and (if the
-- admin chooses) the removal of their connection. At most one open (not yet synced) draft per cluster.
CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  policy TEXT NOT NULL CHECK (json_valid(policy)),
  base_policy TEXT CHECK (base_policy IS NULL OR json_valid(base_policy)),
  state TEXT NOT NULL CHECK (state IN ('local', 'queued', 'syncing', 'synced', 'conflict', 'failed')),
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX drafts_one_open_per_cluster ON drafts (connection_id, cluster_id)
  WHERE state <> 'synced';
CREATE INDEX drafts_by_state ON drafts (state, updated_at);

CREATE TABLE policy_history (
  id INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  cluster_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('local-push', 'remote-change')),
  before TEXT CHECK (before IS NULL OR json_valid(before)),
  after TEXT NOT NULL CHECK (json_valid(after))
) STRICT;
CREATE INDEX policy_history_by_cluster ON policy_history (connection_id, cluster_id, at);
`
} as const
