import type { ClusterChoice } from '#contract/commands/backup-filter-options'
import { supportsBackup, type Deployment } from '#contract/models/cluster'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

type ChoiceRow = {
  cluster_id: string
  cluster_name: string
  project_id: string
  project_name: string | null
  connection_id: string
  deployment: Deployment
  status: string
}

/**
 * A connection's cached clusters as the Backups screen offers them, by name, with their project's name (its ID
 * when the project is not cached). One read of the clusters table: nothing per backup, so it costs the same
 * with 100 backups or 100,000.
 */
export function listClusterChoices(db: StoreDatabase, connectionId: string): ClusterChoice[] {
  const rows = readQuery('list the cluster choices', () =>
    db
      .prepare(
        `SELECT c.cluster_id, c.cluster_name, c.project_id, p.project_name, c.connection_id, c.deployment, c.status
           FROM clusters c
           LEFT JOIN projects p ON p.connection_id = c.connection_id AND p.project_id = c.project_id
          WHERE c.connection_id = ?
          ORDER BY c.cluster_name COLLATE NOCASE, c.cluster_id`
      )
      .all(connectionId)
  ) as ChoiceRow[]
  return rows.map((r) => ({
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    projectId: r.project_id,
    projectName: r.project_name ?? r.project_id,
    connectionId: r.connection_id,
    deployment: r.deployment,
    status: r.status,
    supportsBackup: supportsBackup(r.deployment)
  }))
}
