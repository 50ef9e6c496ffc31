import type { Cluster } from '#contract/models/cluster'
import type { BackupPolicy } from '#contract/models/policy'
import { clusterKey } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/** What the plan rules need of one cached cluster, its project's name and its mirrored policy. */
export type PlanCluster = Pick<Cluster, 'clusterId' | 'clusterName' | 'connectionId' | 'projectId' | 'regionId' | 'deployment' | 'status'> & {
  projectName: string
  policy: BackupPolicy | null
}

type Row = {
  connection_id: string; cluster_id: string; cluster_name: string; project_id: string; region_id: string
  deployment: Cluster['deployment']; status: string; project_name: string | null; policy: string | null
}

/**
 * The selected clusters in one query (a plan for a thousand clusters must not cost a thousand reads or a schema
 * parse per policy: policies were validated when mirrored). Every cached copy is returned; the caller picks.
 */
export function planClusters(db: StoreDatabase, clusterIds: readonly string[]): PlanCluster[] {
  const rows = readQuery('read the clusters to plan', () =>
    db.prepare(
      `SELECT c.connection_id, c.cluster_id, c.cluster_name, c.project_id, c.region_id, c.deployment, c.status,
              pr.project_name, po.policy
       FROM clusters c
       LEFT JOIN projects pr ON pr.connection_id = c.connection_id AND pr.project_id = c.project_id
       LEFT JOIN policies po ON po.connection_id = c.connection_id AND po.cluster_id = c.cluster_id
       WHERE c.cluster_id IN (SELECT value FROM json_each(?))`
    ).all(JSON.stringify(clusterIds))
  ) as Row[]
  return rows.map((r) => ({
    clusterId: r.cluster_id, clusterName: r.cluster_name, connectionId: r.connection_id, projectId: r.project_id,
    regionId: r.region_id, deployment: r.deployment, status: r.status, projectName: r.project_name ?? r.project_id,
    policy: r.policy === null ? null : (JSON.parse(r.policy) as BackupPolicy)
  }))
}

/** The `clusterKey` of every cluster with an open draft (any state but synced). */
export function openDraftKeys(db: StoreDatabase): Set<string> {
  const rows = readQuery('read the open drafts', () =>
    db.prepare("SELECT connection_id, cluster_id FROM drafts WHERE state <> 'synced'").all()
  ) as { connection_id: string; cluster_id: string }[]
  return new Set(rows.map((r) => clusterKey(r.connection_id, r.cluster_id)))
}
