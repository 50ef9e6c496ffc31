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

/**
 * One connection's cached rows and its clusters' health at one instant: every cluster's level and cause (by cluster
 * ID; what the Fleet's counts need) and, for the clusters asked, the whole health as their rows show it.
 */
export type ConnectionHealth = {
  rows: FleetRows
  levels: ReadonlyMap<string, Pick<ClusterHealthEntry, 'level' | 'cause'>>
  healthsOf: (clusters: readonly Cluster[]) => Map<string, ClusterHealthEntry>
}

/** The cached clusters of ONE connection and their mirrored policies (by cluster ID) that health is judged from. */
export type FleetRows = { clusters: readonly Cluster[]; policies: ReadonlyMap<string, MirroredPolicy> }

/** The cache rows of one connection once: a caller that needs them too passes them on instead of re-reading. */
export function readFleetRows(db: StoreDatabase, connectionId: string): FleetRows {
  return { clusters: listClusters(db, { connectionId }), policies: new Map(listMirroredPolicies(db, { connectionId }).map((p) => [p.clusterId, p])) }
}

/** One connection's rows and every cluster's health, read and judged at `nowMs`. */
export function readConnectionHealth(db: StoreDatabase, connectionId: string, nowMs: number): ConnectionHealth {
  const rows = readFleetRows(db, connectionId)
  const healths = fleetHealth(db, nowMs, connectionId, rows)
  return {
    rows,
    levels: healths,
    healthsOf: (clusters) => new Map(clusters.flatMap((c) => { const health = healths.get(c.clusterId); return health === undefined ? [] : [[c.clusterId, health] as const] }))
  }
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
 * What the database says of every cached cluster of one connection, or of all (`scope` undefined), that its health
 * is judged from: its connection's rows and each cluster's situation (by cluster ID), and the stuck limit. Nothing
 * here depends on the time: `judgeSituations` judges it against a given instant (fleet-health-cache.ts keeps it
 * while the database is unchanged and judges it at each read).
 */
export type FleetSituations = {
  stuckLimitMs: number
  fleets: ReadonlyMap<string, { rows: FleetRows; situations: ReadonlyMap<string, ClusterSituation> }>
}

export function readSituations(db: StoreDatabase, scope?: { connectionId: string; rows?: FleetRows }): FleetSituations {
  const { stuckLimitMs } = timingsOf(loadNotificationSettings(createSettingsRepo(db)))
  const facts = readHealthFacts(db, scope?.connectionId)
  const everyRows = scope === undefined ? readEveryFleet(db) : new Map([[scope.connectionId, scope.rows ?? readFleetRows(db, scope.connectionId)]])
  const fleets = new Map([...everyRows].map(([connectionId, rows]) => {
    const situations = new Map(rows.clusters.map((cluster) => [cluster.clusterId, situationOf(cluster, rows.policies.get(cluster.clusterId), facts.get(clusterKey(connectionId, cluster.clusterId)))]))
    return [connectionId, { rows, situations }]
  }))
  return { stuckLimitMs, fleets }
}

/**
 * The health of every cluster of `read` at `nowMs`, keyed by `clusterKey`, and the instant up to which each answer's
 * level and cause stay as they are (`healthSteadyUntil`).
 */
export function judgeSituations(read: FleetSituations, nowMs: number): { entries: Map<string, ClusterHealthEntry>; steadyUntil: number } {
  const rules = { nowMs, stuckLimitMs: read.stuckLimitMs }
  const entries = new Map<string, ClusterHealthEntry>()
  let steadyUntil = Infinity
  for (const { rows, situations } of read.fleets.values()) {
    for (const cluster of rows.clusters) {
      const situation = situations.get(cluster.clusterId)
      if (situation === undefined) continue
      entries.set(clusterKey(cluster.connectionId, cluster.clusterId), entryOf(cluster, situation, rules))
      steadyUntil = Math.min(steadyUntil, healthSteadyUntil(situation, rules))
    }
  }
  return { entries, steadyUntil }
}

/**
 * The health of `clusters` of one connection at `nowMs`, by cluster ID, as their rows show it: what
 * `judgeSituations` answers for them, without the instant it holds until (`cluster/list` asks it of every cluster).
 */
export function judgeClusters(
  situations: ReadonlyMap<string, ClusterSituation>,
  clusters: readonly Cluster[],
  stuckLimitMs: number,
  nowMs: number
): Map<string, ClusterHealthEntry> {
  const rules = { nowMs, stuckLimitMs }
  const entries = new Map<string, ClusterHealthEntry>()
  for (const cluster of clusters) {
    const situation = situations.get(cluster.clusterId)
    if (situation !== undefined) entries.set(cluster.clusterId, entryOf(cluster, situation, rules))
  }
  return entries
}

function entryOf(cluster: Cluster, situation: ClusterSituation, rules: { nowMs: number; stuckLimitMs: number }): ClusterHealthEntry {
  const { level, cause, reason } = clusterHealth(situation, rules)
  return { level, cause, reason, clusterId: cluster.clusterId, clusterName: cluster.clusterName, connectionId: cluster.connectionId }
}

/** The health of every cached cluster of one connection, or of all (`scope` undefined), read and judged at `nowMs`. */
export function judgeFleet(
  db: StoreDatabase,
  nowMs: number,
  scope?: { connectionId: string; rows?: FleetRows }
): { entries: Map<string, ClusterHealthEntry>; steadyUntil: number } {
  return judgeSituations(readSituations(db, scope), nowMs)
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
