import { rpoCountedFrom, withOpenGap } from '#contract/protection'
import { clusterKey, clustersParam, inClusters } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

type Scope = { connectionId?: string; clusterIds?: readonly string[] }
/** The achieved RPO is per connection: two connections may list the same cluster, each with its own history. */
type ConnectionScope = Scope & { connectionId: string }

const scopeSql = (alias: string, s: Scope): string =>
  `(@c IS NULL OR ${alias}.connection_id = @c) AND ${inClusters(`${alias}.cluster_id`, s.clusterIds)}`

const scopeParams = (s: Scope): { c: string | null; clusters: string | null } => ({
  c: s.connectionId ?? null,
  clusters: clustersParam(s.clusterIds)
})

type RestorablePoints = { count: number; oldestMs: number; newestMs: number }

/** Per cluster (keyed by `clusterKey`), the AVAILABLE backups listed now (the cache): how many, the oldest and the newest. */
export function restorablePoints(db: StoreDatabase, scope: Scope): Map<string, RestorablePoints> {
  const rows = readQuery('read the restorable points', () =>
    db
      .prepare(
        `SELECT b.connection_id AS connectionId, b.cluster_id AS clusterId, count(*) AS count, min(b.create_time) AS oldestMs,
           max(b.create_time) AS newestMs
         FROM backups b WHERE b.status = 'AVAILABLE' AND ${scopeSql('b', scope)} GROUP BY b.cluster_id, b.connection_id`
      )
      .all(scopeParams(scope))
  ) as (RestorablePoints & { connectionId: string; clusterId: string })[]
  return new Map(rows.map(({ connectionId, clusterId, ...points }) => [clusterKey(connectionId, clusterId), points]))
}

/**
 * contract/protection.ts `rpoCountedFrom` in SQL, over a row of `cluster_watch` w: a cluster with no row there is
 * not known yet and drops out of the join, counting nothing, as the rule says.
 */
const COUNTED_FROM_SQL = 'min(@to, max(@from, w.known_since))'

/**
 * Per cluster of one connection, the achieved RPO by the rule of contract/protection.ts `achievedRpo`, computed in
 * the database so that a fleet's 100,000 creation times never become objects (a property test keeps the two equal):
 * over the good backups (ever AVAILABLE, from the history) created up to `toMs`, the longest gap between consecutive
 * ones that ends in the counted time `rpoCountedFrom(fromMs, toMs, known since)` .. `toMs` (a gap from an earlier
 * backup counts from the counted time's start; a cluster not known yet counts nothing), made worse by the open gap
 * up to `toMs` (`withOpenGap`), and the newest one's time. Every cluster with a good backup or known since some
 * time has an entry; every cluster takes this one path, however long it has been known.
 */
export function goodBackupGaps(db: StoreDatabase, scope: ConnectionScope, fromMs: number, toMs: number): Map<string, GoodBackupGaps> {
  const params = { ...scopeParams(scope), from: fromMs, to: toMs }
  const { newest, counted, watched } = readQuery('read the gaps between good backups', () => ({
    newest: db
      .prepare(
        `SELECT o.cluster_id AS clusterId, max(o.create_time) AS newest,
           max(CASE WHEN o.create_time < @from THEN o.create_time END) AS beforePeriod
         FROM observed_backups o
         WHERE o.was_available = 1 AND o.create_time <= @to AND ${scopeSql('o', scope)} GROUP BY o.cluster_id`
      )
      .all(params) as { clusterId: string; newest: number; beforePeriod: number | null }[],
    // Each good backup of the period with the one before it, kept when it ends in its cluster's counted time.
    // The first of the period has no previous here: its gap is from `beforePeriod`, joined below. CROSS JOIN keeps
    // cluster_watch outside, so each cluster seeks its period in the index instead of every backup seeking its
    // cluster's row (1,000 clusters × 100 backups: ≈ 31 ms instead of ≈ 38 in EXPLAIN-checked runs).
    counted: db
      .prepare(
        `SELECT clusterId, max(start) AS start, max(CASE WHEN previous IS NOT NULL THEN t - max(previous, start) END) AS longest,
           min(CASE WHEN previous IS NULL THEN t END) AS firstOfPeriod
         FROM (
           SELECT o.cluster_id AS clusterId, o.create_time AS t, ${COUNTED_FROM_SQL} AS start,
             lag(o.create_time) OVER (PARTITION BY o.cluster_id ORDER BY o.create_time) AS previous
           FROM cluster_watch w CROSS JOIN observed_backups o ON o.cluster_id = w.cluster_id AND o.connection_id = w.connection_id
           WHERE ${scopeSql('w', scope)} AND o.was_available = 1 AND o.create_time >= @from AND o.create_time <= @to)
         WHERE t >= start GROUP BY clusterId`
      )
      .all(params) as { clusterId: string; start: number; longest: number | null; firstOfPeriod: number | null }[],
    // Every known cluster, with a good backup or not: the open gap of one without any is its whole counted time.
    watched: db
      .prepare(`SELECT w.cluster_id AS clusterId, w.known_since AS knownSince FROM cluster_watch w WHERE ${scopeSql('w', scope)}`)
      .all(params) as { clusterId: string; knownSince: number }[]
  }))
  const before = new Map(newest.map((n) => [n.clusterId, n.beforePeriod]))
  const longest = new Map<string, number>()
  for (const { clusterId, start, longest: within, firstOfPeriod } of counted) {
    const previous = before.get(clusterId) ?? null
    const fromBefore = firstOfPeriod === null || previous === null ? null : firstOfPeriod - Math.max(previous, start)
    const gaps = [within, fromBefore].filter((gap): gap is number => gap !== null)
    if (gaps.length > 0) longest.set(clusterId, Math.max(...gaps))
  }
  const newestOf = new Map(newest.map((n) => [n.clusterId, n.newest]))
  const knownSince = new Map(watched.map((w) => [w.clusterId, w.knownSince]))
  const out = new Map<string, GoodBackupGaps>()
  for (const clusterId of new Set([...newestOf.keys(), ...knownSince.keys()])) {
    const newestMs = newestOf.get(clusterId) ?? null
    const start = rpoCountedFrom(fromMs, toMs, knownSince.get(clusterId) ?? null)
    out.set(clusterId, { rpoMs: withOpenGap(longest.get(clusterId) ?? null, newestMs, start, toMs), newestMs })
  }
  return out
}

/** A cluster's achieved RPO (contract/protection.ts `achievedRpo`'s `rpoMs`) and its newest good backup (null: none). */
export type GoodBackupGaps = { rpoMs: number | null; newestMs: number | null }

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
 * Per cluster of one connection, since when its backups are known (schema 14, store/cluster-watch.repo.ts): the
 * achieved RPO counts no time before it. Each connection that lists a cluster id has its own.
 */
export function knownSinceTimes(db: StoreDatabase, scope: ConnectionScope): Map<string, number> {
  const rows = readQuery('read since when the clusters are watched', () =>
    db
      .prepare(`SELECT w.cluster_id AS clusterId, w.known_since AS t FROM cluster_watch w WHERE ${scopeSql('w', scope)}`)
      .all(scopeParams(scope))
  ) as { clusterId: string; t: number }[]
  return new Map(rows.map(({ clusterId, t }) => [clusterId, t]))
}
