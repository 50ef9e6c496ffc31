import { ambiguousCluster } from '../fleet/find-cluster.ts'
import { clusterKey } from '../store/cluster-scope.ts'
import type { StoreDatabase } from '../store/database.ts'
import { openDraftKeys, planClusters, type PlanCluster } from '../store/plan.query.ts'
import { readQuery } from '../store/transaction.ts'
import type { PlanContext } from './plan-items.ts'

/**
 * Reads the cache once for a whole plan: the selected clusters with their project names and mirrored policies, and
 * the open drafts. Two connections can mirror the same cluster: with `connectionId`, only that connection's clusters
 * count; without, an id two connections list is refused (`input/invalid` naming `connectionId`), the rule of
 * fleet/find-cluster.ts, never resolved by a guess.
 */
export function loadPlanContext(db: StoreDatabase, clusterIds: readonly string[], connectionId: string | undefined): PlanContext {
  const byId = new Map<string, PlanCluster>()
  // Ids the named connection does not list but another does: a file exported from one organization, planned on another.
  const elsewhere = new Map<string, string[]>()
  for (const cluster of planClusters(db, clusterIds)) {
    if (connectionId !== undefined && cluster.connectionId !== connectionId) {
      elsewhere.set(cluster.clusterId, [...(elsewhere.get(cluster.clusterId) ?? []), cluster.connectionId])
      continue
    }
    if (byId.has(cluster.clusterId)) throw ambiguousCluster()
    byId.set(cluster.clusterId, cluster)
  }
  const openDrafts = openDraftKeys(db)
  const names = elsewhere.size === 0 ? new Map<string, string>() : connectionNames(db)
  const nameOf = (id: string): string => names.get(id) ?? id
  return {
    clusterOf: (clusterId) => byId.get(clusterId),
    hasOpenDraft: (c) => openDrafts.has(clusterKey(c.connectionId, c.clusterId)),
    listedElsewhere: (clusterId) => {
      const others = elsewhere.get(clusterId)
      return others === undefined || connectionId === undefined ? null : { named: nameOf(connectionId), listing: others.map(nameOf) }
    }
  }
}

function connectionNames(db: StoreDatabase): Map<string, string> {
  const rows = readQuery('read the connection names', () => db.prepare('SELECT id, name FROM connections').all()) as { id: string; name: string }[]
  return new Map(rows.map((r) => [r.id, r.name]))
}
