/**
 * Schema 5: policy templates and their cluster assignments, reviewed fleet plans, the template a pushed draft
 * carries into the policy history, and the notification kind `drift`.
 */
export const migration0005 = {
  version: 5,
  name: 'templates',
  sql: `
-- Templates are this machine's standards, shared by every connection (a company's policy across organizations).
CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  policy TEXT NOT NULL CHECK (json_valid(policy)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Like drafts, assignments have no foreign key to connections or the cache: they belong to an organization's
-- cluster and survive cache rebuilds. Deleting a template takes its assignments with it.
CREATE TABLE template_assignments (
  connection_id TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  template_id TEXT NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
  assigned_at INTEGER NOT NULL,
  PRIMARY KEY (connection_id, cluster_id)
) STRICT;
CREATE INDEX template_assignments_by_template ON template_assignments (template_id);

-- A plan is reviewed before it is applied, possibly after a restart: its items and the last results per cluster.
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  results TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(results))
) STRICT;
CREATE INDEX plans_by_age ON plans (created_at);

ALTER TABLE drafts ADD COLUMN template_name TEXT CHECK (template_name IS NULL OR length(template_name) <= 200);
ALTER TABLE policy_history ADD COLUMN template_name TEXT CHECK (template_name IS NULL OR length(template_name) <= 200);

-- SQLite cannot change a CHECK in place: the ledger is rebuilt with the kind 'drift' added, rows and ids kept.
CREATE TABLE notifications_v3 (
  id INTEGER PRIMARY KEY,
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
  UNIQUE (cluster_id, kind, slot)
) STRICT;
INSERT INTO notifications_v3 (id, cluster_id, kind, slot, backup_id, title, body, severity, created_at, read, delivered_at)
  SELECT id, cluster_id, kind, slot, backup_id, title, body, severity, created_at, read, delivered_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v3 RENAME TO notifications;
CREATE INDEX notifications_newest ON notifications (created_at, id);
CREATE INDEX notifications_unread ON notifications (created_at) WHERE read = 0;
CREATE INDEX notifications_unread_severity ON notifications (severity, kind) WHERE read = 0;
CREATE INDEX notifications_undelivered ON notifications (created_at) WHERE delivered_at IS NULL;
`
} as const
