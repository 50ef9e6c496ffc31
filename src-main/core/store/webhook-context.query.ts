import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/**
 * Where a notice's cluster lives, for the webhook payload (names as last mirrored from the API): the cluster as the
 * connection that raised the notice lists it (another organization may list the same cluster id).
 */
export type ClusterContext = {
  connectionId: string
  connectionName: string
  clusterName: string
  projectId: string
  projectName: string | null
}

export function clusterContext(db: StoreDatabase, connectionId: string | null, clusterId: string): ClusterContext | null {
  if (connectionId === null) return null
  const row = readQuery('read a cluster for a webhook', () =>
    db
      .prepare(
        `SELECT c.connection_id AS connectionId, k.name AS connectionName, c.cluster_name AS clusterName,
                c.project_id AS projectId, p.project_name AS projectName
         FROM clusters c JOIN connections k ON k.id = c.connection_id
         LEFT JOIN projects p ON p.connection_id = c.connection_id AND p.project_id = c.project_id
         WHERE c.connection_id = ? AND c.cluster_id = ?`
      )
      .get(connectionId, clusterId)
  ) as ClusterContext | undefined
  return row ?? null
}
