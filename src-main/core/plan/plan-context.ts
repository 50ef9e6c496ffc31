import type { Cluster } from '#contract/models/cluster'
import type { BackupPolicy } from '#contract/models/policy'
import type { StoreDatabase } from '../store/database.ts'
import { listClusters, listMirroredPolicies, listProjects } from '../store/cache.query.ts'
import { listDrafts } from '../store/drafts.repo.ts'
import type { PlanContext } from './plan-items.ts'

const key = (connectionId: string, id: string): string => `${connectionId}/${id}`

/**
 * Reads the cache once for a whole plan (a thousand clusters are a handful of queries, not a thousand): clusters,
 * project names, mirrored policies and open drafts, indexed for the plan rules.
 */
export function loadPlanContext(db: StoreDatabase, activeConnectionId: string | null): PlanContext {
  const byId = new Map<string, Cluster>()
  for (const cluster of listClusters(db)) {
    const known = byId.get(cluster.clusterId)
    if (known === undefined || (cluster.connectionId === activeConnectionId && known.connectionId !== activeConnectionId)) byId.set(cluster.clusterId, cluster)
  }
  const projects = new Map(listProjects(db).map((p) => [key(p.connectionId, p.projectId), p.projectName]))
  const policies = new Map<string, BackupPolicy>()
  const connectionIds = new Set([...byId.values()].map((c) => c.connectionId))
  for (const connectionId of connectionIds) {
    for (const p of listMirroredPolicies(db, { connectionId })) policies.set(key(connectionId, p.clusterId), p.policy)
  }
  const openDrafts = new Set(
    listDrafts(db, { states: ['local', 'queued', 'syncing', 'conflict', 'failed'] }).map((d) => key(d.connectionId, d.clusterId))
  )
  return {
    clusterOf: (clusterId) => byId.get(clusterId),
    projectName: (c) => projects.get(key(c.connectionId, c.projectId)) ?? c.projectId,
    policyOf: (c) => policies.get(key(c.connectionId, c.clusterId)) ?? null,
    hasOpenDraft: (c) => openDrafts.has(key(c.connectionId, c.clusterId))
  }
}
