import { clustersParam, inClusters } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

type Scope = { connectionId?: string; clusterIds?: readonly string[] }

const scopeSql = (alias: string, s: Scope): string =>
  `(@c IS NULL OR ${alias}.connection_id = @c) AND ${inClusters(`${alias}.cluster_id`, s.clusterIds)}`

const scopeParams = (s: Scope): { c: string | null; clusters: string | null } => ({
  c: s.connectionId ?? null,
  clusters: clustersParam(s.clusterIds)
})

/**
 * Creation times of each cluster's good backups (ever AVAILABLE, from the history, so expired and deleted ones
 * count) created in [fromMs, toMs], ascending, preceded by the newest one before fromMs: what the achieved RPO needs.
 */
export function goodBackupTimes(db: StoreDatabase, scope: Scope, fromMs: number, toMs: number): Map<string, number[]> {
  const params = { ...scopeParams(scope), from: fromMs, to: toMs }
  const rows = readQuery('read the good backups of the period', () => {
    const before = db
      .prepare(
        `SELECT o.cluster_id AS clusterId, max(o.create_time) AS t FROM observed_backups o
         WHERE o.was_available = 1 AND o.create_time < @from AND ${scopeSql('o', scope)} GROUP BY o.cluster_id`
      )
      .all(params) as { clusterId: string; t: number }[]
    const within = db
      .prepare(
        `SELECT o.cluster_id AS clusterId, o.create_time AS t FROM observed_backups o
         WHERE o.was_available = 1 AND o.create_time >= @from AND o.create_time <= @to AND ${scopeSql('o', scope)}
         ORDER BY o.cluster_id, o.create_time`
      )
      .all(params) as { clusterId: string; t: number }[]
    return [...before, ...within]
  })
  const out = new Map<string, number[]>()
  for (const { clusterId, t } of rows) {
    const list = out.get(clusterId) ?? []
    list.push(t)
    out.set(clusterId, list)
  }
  return out
}

export type RestorablePoints = { count: number; oldestMs: number; newestMs: number }

/** Per cluster, the AVAILABLE backups listed now (the cache): how many, the oldest and the newest. */
export function restorablePoints(db: StoreDatabase, scope: Scope): Map<string, RestorablePoints> {
  const rows = readQuery('read the restorable points', () =>
    db
      .prepare(
        `SELECT b.cluster_id AS clusterId, count(*) AS count, min(b.create_time) AS oldestMs,
           max(b.create_time) AS newestMs
         FROM backups b WHERE b.status = 'AVAILABLE' AND ${scopeSql('b', scope)} GROUP BY b.cluster_id`
      )
      .all(scopeParams(scope))
  ) as (RestorablePoints & { clusterId: string })[]
  return new Map(rows.map(({ clusterId, ...points }) => [clusterId, points]))
}

/**
 * Per cluster, over the good backups (ever AVAILABLE) created up to `toMs`: the longest gap between consecutive ones
 * that ends in [fromMs, toMs] (a gap from a backup before `fromMs` counts from `fromMs`), and the newest one's time.
 * The same figures as `achievedRpo` (contract/protection.ts) over `goodBackupTimes`, computed in the database so that
 * a fleet's 100,000 creation times never become objects (a property test keeps the two equal).
 */
export function goodBackupGaps(db: StoreDatabase, scope: Scope, fromMs: number, toMs: number): Map<string, GoodBackupGaps> {
  const params = { ...scopeParams(scope), from: fromMs, to: toMs }
  const { before, within } = readQuery('read the gaps between good backups', () => ({
    before: db
      .prepare(
        `SELECT o.cluster_id AS clusterId, max(o.create_time) AS t FROM observed_backups o
         WHERE o.was_available = 1 AND o.create_time < @from AND ${scopeSql('o', scope)} GROUP BY o.cluster_id`
      )
      .all(params) as { clusterId: string; t: number }[],
    within: db
      .prepare(
        `SELECT clusterId, max(gap) AS longest, min(t) AS first, max(t) AS last FROM (
           SELECT o.cluster_id AS clusterId, o.create_time AS t,
             o.create_time - lag(o.create_time) OVER (PARTITION BY o.cluster_id ORDER BY o.create_time) AS gap
           FROM observed_backups o
           WHERE o.was_available = 1 AND o.create_time >= @from AND o.create_time <= @to AND ${scopeSql('o', scope)})
         GROUP BY clusterId`
      )
      .all(params) as { clusterId: string; longest: number | null; first: number; last: number }[]
  }))
  const out = new Map<string, GoodBackupGaps>(before.map(({ clusterId, t }) => [clusterId, { longestGapMs: null, newestMs: t }]))
  for (const { clusterId, longest, first, last } of within) {
    const previous = out.get(clusterId)?.newestMs
    const fromBefore = previous === undefined ? null : first - Math.max(previous, fromMs)
    const gaps = [longest, fromBefore].filter((gap): gap is number => gap !== null)
    out.set(clusterId, { longestGapMs: gaps.length === 0 ? null : Math.max(...gaps), newestMs: last })
  }
  return out
}

export type GoodBackupGaps = { longestGapMs: number | null; newestMs: number }

export type NewestKept = { backupId: string; backupName: string; status: string; size: number; expireMs: number | null }

/**
 * Per cluster, its newest backup that is AVAILABLE or still CREATING: when that one is AVAILABLE, nothing newer is
 * on the way, and its expiry is when the cluster's last restorable point goes ("Keep a copy now", issue 16).
 * One index seek per cached cluster (`backups_by_cluster`, newest first), not a walk over every backup.
 */
export function newestKeptBackups(db: StoreDatabase, scope: Scope): Map<string, NewestKept> {
  const rows = readQuery('read the newest kept backups', () =>
    db
      .prepare(
        `SELECT c.cluster_id AS clusterId, b.backup_id AS backupId, b.backup_name AS backupName, b.status, b.size,
           b.expire_time AS expireMs
         FROM clusters c JOIN backups b ON b.rowid = (
           SELECT x.rowid FROM backups x
           WHERE x.cluster_id = c.cluster_id AND x.connection_id = c.connection_id AND x.status IN ('AVAILABLE', 'CREATING')
           ORDER BY x.create_time DESC LIMIT 1)
         WHERE ${scopeSql('c', scope)}`
      )
      .all(scopeParams(scope))
  ) as (NewestKept & { clusterId: string })[]
  return new Map(rows.map(({ clusterId, backupId, backupName, status, size, expireMs }) => [clusterId, { backupId, backupName, status, size, expireMs }]))
}

/**
 * Per cluster, since when its backups are known (schema 14, store/cluster-watch.repo.ts): the achieved RPO counts
 * no time before it. A cluster listed by two connections is known since the earlier of the two.
 */
export function knownSinceTimes(db: StoreDatabase, scope: Scope): Map<string, number> {
  const rows = readQuery('read since when the clusters are watched', () =>
    db
      .prepare(`SELECT w.cluster_id AS clusterId, min(w.known_since) AS t FROM cluster_watch w WHERE ${scopeSql('w', scope)} GROUP BY w.cluster_id`)
      .all(scopeParams(scope))
  ) as { clusterId: string; t: number }[]
  return new Map(rows.map(({ clusterId, t }) => [clusterId, t]))
}
