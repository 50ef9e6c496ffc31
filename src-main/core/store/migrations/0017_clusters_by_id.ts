/**
 * Schema 17: every cluster-scoped command resolves its cluster by id, with or without the connection
 * (fleet/find-cluster.ts). The primary key (connection_id, cluster_id) serves the lookup with a connection; this index
 * serves the one without, which must find every connection's copy to refuse an ambiguous id instead of guessing.
 */
export const migration0017 = {
  version: 17,
  name: 'clusters_by_id',
  sql: `
CREATE INDEX clusters_by_id ON clusters (cluster_id);
`
} as const
