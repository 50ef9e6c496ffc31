/**
 * Schema 10: a cluster's health asks for its oldest CREATING backup (`store/health.query.ts`). Through
 * `backups_by_cluster` that read every backup of the cluster in time order, each looked up for its status, until the
 * newest one: the whole fleet's health took ≈ 300 ms with 100,000 cached backups, paid by `sync/status` and
 * `cluster/list` at every start and after every sync. This partial index holds only the backups being created.
 */
export const migration0010 = {
  version: 10,
  name: 'health_index',
  sql: `
CREATE INDEX backups_creating_by_cluster ON backups (connection_id, cluster_id, create_time) WHERE status = 'CREATING';
`
} as const
