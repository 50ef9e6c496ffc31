import { ambiguousCluster } from '../fleet/find-cluster.ts'
import { clusterKey } from '../store/cluster-scope.ts'
import type { StoreDatabase } from '../store/database.ts'
import { openDraftKeys, planClusters, type PlanCluster } from '../store/plan.query.ts'
import type { PlanContext } from './plan-items.ts'

/**
 * Reads the cache once for a whole plan: the selected clusters with their project names and mirrored policies, and
 * the open drafts. Two connections can mirror the same cluster: with `connectionId`, only that connection's clusters
 * count; without, an id two connections list is refused (`input/invalid` naming `connectionId`), the rule of
 * fleet/find-cluster.ts, never resolved by a guess.
 */
export function loadPlanContext(db: StoreDatabase, clusterIds: readonly string[], connectionId: string | undefined): PlanContext {
  const byId = new Map<string, PlanCluster>()
  for (const cluster of planClusters(db, clusterIds)) {
    if (connectionId !== undefined && cluster.connectionId !== connectionId) continue
    if (byId.has(cluster.clusterId)) throw ambiguousCluster()
    byId.set(cluster.clusterId, cluster)
  }
  const openDrafts = openDraftKeys(db)
  return {
    clusterOf: (clusterId) => byId.get(clusterId),
    hasOpenDraft: (c) => openDrafts.has(clusterKey(c.connectionId, c.clusterId))
  }
}
