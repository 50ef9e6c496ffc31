import { worstHealth, type HealthLevel } from '#contract/health'
import type { Cluster, MirroredPolicy } from '#contract/models/cluster'
import { loadNotificationSettings, timingsOf } from '../schedule/settings.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listClusters, listMirroredPolicies } from '../store/cache.query.ts'
import { clusterKey } from '../store/cluster-scope.ts'
import { readHealthFacts, type HealthFacts } from '../store/health.query.ts'
import { createSettingsRepo } from '../store/settings.repo.ts'
import { clusterHealth, healthSteadyUntil, type ClusterHealth, type ClusterSituation } from './health.ts'

export type ClusterHealthEntry = ClusterHealth & { clusterId: string; clusterName: string; connectionId: string }

/** The cached clusters of ONE connection and their mirrored policies (by cluster ID) that health is judged from. */
export type FleetRows = { clusters: readonly Cluster[]; policies: ReadonlyMap<string, MirroredPolicy> }

/** The cache rows of one connection once: a caller that needs them too passes them on instead of re-reading. */
export function readFleetRows(db: StoreDatabase, connectionId: string): FleetRows {
  return { clusters: listClusters(db, { connectionId }), policies: new Map(listMirroredPolicies(db, { connectionId }).map((p) => [p.clusterId, p])) }
}

/**
 * Every connection's rows, by connection: two connections can list the same cluster id (the same organization added
 * twice), and each one's cluster is judged with its own policy and facts.
 */
function readEveryFleet(db: StoreDatabase): Map<string, FleetRows> {
  const clusters = new Map<string, Cluster[]>()
  for (const cluster of listClusters(db)) {
    const own = clusters.get(cluster.connectionId) ?? []
    own.push(cluster)
    clusters.set(cluster.connectionId, own)
  }
  const policiesOf = (connectionId: string): Map<string, MirroredPolicy> => new Map(listMirroredPolicies(db, { connectionId }).map((p) => [p.clusterId, p]))
  return new Map([...clusters].map(([connectionId, own]) => [connectionId, { clusters: own, policies: policiesOf(connectionId) }]))
}

/**
 * The health of every cached cluster of one connection (by cluster ID), each from `clusterHealth`. `rows` are the
 * clusters to judge; when the caller already listed them (`cluster/list`), they are not read a second time.
 */
export function fleetHealth(
  db: StoreDatabase,
  nowMs: number,
  connectionId: string,
  rows: FleetRows = readFleetRows(db, connectionId)
): Map<string, ClusterHealthEntry> {
  const { entries } = judgeFleet(db, nowMs, { connectionId, rows })
  return new Map([...entries.values()].map((entry) => [entry.clusterId, entry]))
}

/**
 * The health of every cached cluster of one connection, or of all (`scope` undefined), keyed by `clusterKey`, and the
 * instant up to which each answer's level and cause stay as they are (`healthSteadyUntil`).
 */
export function judgeFleet(
  db: StoreDatabase,
  nowMs: number,
  scope?: { connectionId: string; rows?: FleetRows }
): { entries: Map<string, ClusterHealthEntry>; steadyUntil: number } {
  const { stuckLimitMs } = timingsOf(loadNotificationSettings(createSettingsRepo(db)))
  const rules = { nowMs, stuckLimitMs }
  const facts = readHealthFacts(db, scope?.connectionId)
  const fleets = scope === undefined ? readEveryFleet(db) : new Map([[scope.connectionId, scope.rows ?? readFleetRows(db, scope.connectionId)]])
  const entries = new Map<string, ClusterHealthEntry>()
  let steadyUntil = Infinity
  for (const { clusters, policies } of fleets.values()) {
    for (const cluster of clusters) {
      const key = clusterKey(cluster.connectionId, cluster.clusterId)
      const situation = situationOf(cluster, policies.get(cluster.clusterId), facts.get(key))
      entries.set(key, { ...clusterHealth(situation, rules), clusterId: cluster.clusterId, clusterName: cluster.clusterName, connectionId: cluster.connectionId })
      steadyUntil = Math.min(steadyUntil, healthSteadyUntil(situation, rules))
    }
  }
  return { entries, steadyUntil }
}

function situationOf(cluster: Cluster, mirrored: MirroredPolicy | undefined, known: HealthFacts | undefined): ClusterSituation {
  return {
    deployment: cluster.deployment,
    status: cluster.status,
    policy: mirrored?.policy ?? null,
    newestGoodMs: known?.newestGoodMs ?? null,
    creatingSinceMs: known?.creatingSinceMs ?? null,
    lastFailedJob: known?.lastFailedJob ?? null,
    lastMissedMs: known?.lastMissedMs ?? null,
    lastUnverifiedMs: known?.lastUnverifiedMs ?? null,
    enabledAtMs: known?.enabledAtMs ?? null,
    firstBackupNotStartedMs: known?.firstBackupNotStartedMs ?? null
  }
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
