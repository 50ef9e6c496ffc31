import { clusterKey } from '../store/cluster-scope.ts'
import type { StoreDatabase } from '../store/database.ts'
import { openDraftKeys, planClusters, type PlanCluster } from '../store/plan.query.ts'
import type { PlanContext } from './plan-items.ts'

/**
 * Reads the cache once for a whole plan: the selected clusters with their project names and mirrored policies, and
 * the open drafts. Two connections can mirror the same cluster; the active connection's copy wins (find-cluster.ts).
 */
export function loadPlanContext(db: StoreDatabase, clusterIds: readonly string[], activeConnectionId: string | null): PlanContext {
  const byId = new Map<string, PlanCluster>()
  for (const cluster of planClusters(db, clusterIds)) {
    const known = byId.get(cluster.clusterId)
    if (known === undefined || (cluster.connectionId === activeConnectionId && known.connectionId !== activeConnectionId)) byId.set(cluster.clusterId, cluster)
  }
  const openDrafts = openDraftKeys(db)
  return {
    clusterOf: (clusterId) => byId.get(clusterId),
    hasOpenDraft: (c) => openDrafts.has(clusterKey(c.connectionId, c.clusterId))
  }
}
