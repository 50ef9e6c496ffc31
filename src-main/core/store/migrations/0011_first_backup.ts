/**
 * Schema 11: the backup that enabling a policy starts (issue #11 item 7). Zilliz answers set-policy without a job
 * id, so Backup Desk records the expectation as a backup intent of kind `first-backup` (with the cluster's AUTO
 * backups known before the push) and shows it in Jobs as a `first-backup` job. NOT_STARTED ends such a job when no
 * new automatic backup appeared in time: Zilliz's own job statuses have no word for "never began".
 */
export const migration0011 = {
  version: 11,
  name: 'first_backup',
  sql: `
ALTER TABLE backup_intents ADD COLUMN kind TEXT NOT NULL DEFAULT 'create' CHECK (kind IN ('create', 'first-backup'));

-- SQLite cannot change a CHECK in place: the jobs table is rebuilt with the new action and status, rows kept.
CREATE TABLE jobs_v11 (
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  job_id TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  backup_id TEXT,
  action TEXT NOT NULL CHECK (action IN
    ('create-backup', 'delete-backup', 'restore-cluster', 'restore-collection', 'export-backup', 'first-backup')),
  type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN
    ('PENDING', 'IN_PROGRESS', 'SUCCESSFUL', 'FAILED', 'CANCELING', 'CANCELED', 'NOT_STARTED')),
  progress REAL NOT NULL CHECK (progress BETWEEN 0 AND 100),
  start_time INTEGER,
  end_time INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (connection_id, job_id)
) STRICT;
INSERT INTO jobs_v11 (connection_id, job_id, cluster_id, backup_id, action, type, status, progress, start_time, end_time,
    reason, created_at, updated_at)
  SELECT connection_id, job_id, cluster_id, backup_id, action, type, status, progress, start_time, end_time, reason,
    created_at, updated_at FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_v11 RENAME TO jobs;
-- The watcher polls only jobs that can still change.
CREATE INDEX jobs_active ON jobs (updated_at) WHERE status NOT IN ('SUCCESSFUL', 'FAILED', 'CANCELED', 'NOT_STARTED');
CREATE INDEX jobs_by_cluster ON jobs (cluster_id, created_at);
CREATE INDEX jobs_failed_by_end ON jobs (end_time) WHERE status = 'FAILED';
`
} as const
