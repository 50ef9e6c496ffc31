/**
 * The SQL condition "`column` is one of the clusters in the JSON array bound as `@clusters`", or a condition that
 * always holds when `clusterIds` is undefined (every cluster counts). It is a condition of its own, chosen when the
 * statement is written, rather than `(@clusters IS NULL OR column IN …)`: SQLite plans an OR on a parameter as a
 * scan of every row, and searches the index on `column` only for a plain IN (EXPLAIN QUERY PLAN;
 * test/unit/core/fleet/timeline-lanes-plan.test.ts). A Timeline page of 25 lanes read all 22,000 backups that way.
 */
export function inClusters(column: string, clusterIds: readonly string[] | undefined): string {
  return clusterIds === undefined ? '1' : `${column} IN (SELECT value FROM json_each(@clusters))`
}

/**
 * A cluster's key in maps that may hold several connections' clusters: two connections can list the same cluster id
 * (the same organization added twice, an emulator run again), and the store keys every row by both.
 */
export function clusterKey(connectionId: string, clusterId: string): string {
  return `${connectionId}\u0000${clusterId}`
}

/** The `@clusters` parameter for `inClusters`: the JSON array, or null when every cluster counts. */
export function clustersParam(clusterIds: readonly string[] | undefined): string | null {
  return clusterIds === undefined ? null : JSON.stringify(clusterIds)
}
