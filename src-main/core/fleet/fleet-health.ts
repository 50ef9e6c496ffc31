import { worstHealth, type HealthLevel } from '#contract/health'
import type { Cluster, MirroredPolicy } from '#contract/models/cluster'
import { loadNotificationSettings, timingsOf } from '../schedule/settings.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listClusters, listMirroredPolicies } from '../store/cache.query.ts'
import { readHealthFacts } from '../store/health.query.ts'
import { createSettingsRepo } from '../store/settings.repo.ts'
import { clusterHealth, healthSteadyUntil, type ClusterHealth, type ClusterSituation } from './health.ts'

export type ClusterHealthEntry = ClusterHealth & { clusterId: string; clusterName: string; connectionId: string }

/** The cached clusters and their mirrored policies (by cluster ID) that health is judged from. */
export type FleetRows = { clusters: readonly Cluster[]; policies: ReadonlyMap<string, MirroredPolicy> }

/** The cache rows of one connection (or all) once: a caller that needs them too passes them on instead of re-reading. */
export function readFleetRows(db: StoreDatabase, connectionId?: string): FleetRows {
  const filter = connectionId === undefined ? {} : { connectionId }
  return { clusters: listClusters(db, filter), policies: new Map(listMirroredPolicies(db, filter).map((p) => [p.clusterId, p])) }
}

/**
 * The health of every cached cluster (of one connection, or all), each from `clusterHealth`. `rows` are the
 * clusters to judge; when the caller already listed them (`cluster/list`), they are not read a second time.
 */
export function fleetHealth(
  db: StoreDatabase,
  nowMs: number,
  connectionId?: string,
  rows: FleetRows = readFleetRows(db, connectionId)
): Map<string, ClusterHealthEntry> {
  return judgeFleet(db, nowMs, connectionId, rows).entries
}

/** `fleetHealth`, and the instant up to which each answer's level and cause stay as they are (`healthSteadyUntil`). */
export function judgeFleet(
  db: StoreDatabase,
  nowMs: number,
  connectionId?: string,
  rows: FleetRows = readFleetRows(db, connectionId)
): { entries: Map<string, ClusterHealthEntry>; steadyUntil: number } {
  const { stuckLimitMs } = timingsOf(loadNotificationSettings(createSettingsRepo(db)))
  const rules = { nowMs, stuckLimitMs }
  const facts = readHealthFacts(db, connectionId)
  const entries = new Map<string, ClusterHealthEntry>()
  let steadyUntil = Infinity
  for (const cluster of rows.clusters) {
    const known = facts.get(cluster.clusterId)
    const situation: ClusterSituation = {
      deployment: cluster.deployment,
      status: cluster.status,
      policy: rows.policies.get(cluster.clusterId)?.policy ?? null,
      newestGoodMs: known?.newestGoodMs ?? null,
      creatingSinceMs: known?.creatingSinceMs ?? null,
      lastFailedJob: known?.lastFailedJob ?? null,
      lastMissedMs: known?.lastMissedMs ?? null,
      lastUnverifiedMs: known?.lastUnverifiedMs ?? null,
      enabledAtMs: known?.enabledAtMs ?? null,
      firstBackupNotStartedMs: known?.firstBackupNotStartedMs ?? null
    }
    entries.set(cluster.clusterId, {
      ...clusterHealth(situation, rules),
      clusterId: cluster.clusterId,
      clusterName: cluster.clusterName,
      connectionId: cluster.connectionId
    })
    steadyUntil = Math.min(steadyUntil, healthSteadyUntil(situation, rules))
  }
  return { entries, steadyUntil }
}

/** Each connection's (organization's) worst cluster health; a connection with no cluster to judge is absent. */
export function organizationHealth(entries: Iterable<Pick<ClusterHealthEntry, 'connectionId' | 'level'>>): Map<string, HealthLevel> {
  const levels = new Map<string, HealthLevel[]>()
  for (const entry of entries) {
    const list = levels.get(entry.connectionId) ?? []
    list.push(entry.level)
    levels.set(entry.connectionId, list)
  }
  return new Map([...levels].map(([id, list]) => [id, worstHealth(list)]))
}
