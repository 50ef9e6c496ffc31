/**
 * Schema 14: since when the app has known each cluster's backups, so the achieved RPO counts only time it could
 * have seen (contract/protection.ts `achievedRpo`;
 * docs/architecture.md, "The achieved RPO counts only time the app could have seen").
 * Zilliz's List Backups forgets a backup once it expires, so before the first sync the history is blind. Local
 * data like the backup history: the cache rebuild never empties it, only removing the connection does (the
 * foreign key). Databases that already had a history start from each cluster's first sighting in it (nothing
 * older is provable there; store/cluster-watch.repo.ts records new clusters with the finer rule).
 */
export const migration0014 = {
  version: 14,
  name: 'cluster_watch',
  sql: `
CREATE TABLE cluster_watch (
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  cluster_id TEXT NOT NULL,
  -- When a complete sync first listed the cluster.
  first_synced_at INTEGER NOT NULL,
  -- From when every good backup of the cluster was in a list the app read: first_synced_at, or earlier.
  known_since INTEGER NOT NULL CHECK (known_since <= first_synced_at),
  PRIMARY KEY (cluster_id, connection_id)
) STRICT;
INSERT INTO cluster_watch (connection_id, cluster_id, first_synced_at, known_since)
  SELECT connection_id, cluster_id, min(first_seen_at), min(first_seen_at) FROM observed_backups
  GROUP BY connection_id, cluster_id;
`
} as const
