import type { Cluster } from '#contract/models/cluster'
import { clusterOfRow, type ClusterRow } from './cache.query.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/**
 * The cached copies of one cluster id, in one indexed read: with a connection, that connection's copy or none (the
 * primary key); without, at most two copies (`clusters_by_id`, schema 17), enough to tell a unique cluster from one
 * that two connections mirror. Two statements rather than `(@connectionId IS NULL OR …)`, which SQLite plans as a
 * scan (store/cluster-scope.ts). fleet/find-cluster.ts turns the answer into the rule.
 */
export function findClusterCopies(db: StoreDatabase, clusterId: string, connectionId: string | undefined): Cluster[] {
  const rows = readQuery('find a cached cluster', () =>
    connectionId === undefined
      ? db.prepare('SELECT * FROM clusters WHERE cluster_id = ? LIMIT 2').all(clusterId)
      : db.prepare('SELECT * FROM clusters WHERE connection_id = ? AND cluster_id = ?').all(connectionId, clusterId)
  ) as ClusterRow[]
  return rows.map(clusterOfRow)
}
