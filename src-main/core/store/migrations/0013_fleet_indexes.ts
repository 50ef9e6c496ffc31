/**
 * Schema 13: `cluster/list` with 1,000 clusters and 100,000 cached backups spent over a second in three grouped
 * reads (restorable points, the achieved RPO's good backups, the newest kept backup), each walking
 * `backups_by_cluster` or `observed_backups_by_cluster` and looking every row up for its status. These partial
 * indexes hold what those reads filter and return, so they read the index alone (`store/protection.query.ts`).
 */
export const migration0013 = {
  version: 13,
  name: 'fleet_indexes',
  sql: `
CREATE INDEX backups_available_by_cluster ON backups (cluster_id, create_time, connection_id) WHERE status = 'AVAILABLE';
CREATE INDEX observed_backups_good_by_cluster ON observed_backups (cluster_id, create_time, connection_id) WHERE was_available = 1;
`
} as const
