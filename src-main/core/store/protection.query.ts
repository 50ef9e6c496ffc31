import { achievedRpo } from '#contract/protection'
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

/**
 * Per cluster (keyed by `clusterKey`), the AVAILABLE backups listed now (the cache): how many, the oldest and the
 * newest. Within one connection the groups are the clusters alone, which `backups_available_by_cluster` hands in
 * order (no sort of every backup: 1,000 clusters × 100 backups ≈ 40 ms instead of ≈ 110 ms on the slow machine).
 */
export function restorablePoints(db: StoreDatabase, scope: Scope): Map<string, RestorablePoints> {
  const groups = scope.connectionId === undefined ? 'b.cluster_id, b.connection_id' : 'b.cluster_id'
  const rows = readQuery('read the restorable points', () =>
    db
      .prepare(
        `SELECT b.connection_id AS connectionId, b.cluster_id AS clusterId, count(*) AS count, min(b.create_time) AS oldestMs,
           max(b.create_time) AS newestMs
         FROM backups b WHERE b.status = 'AVAILABLE' AND ${scopeSql('b', scope)} GROUP BY ${groups}`
      )
      .all(scopeParams(scope))
  ) as (RestorablePoints & { connectionId: string; clusterId: string })[]
  return new Map(rows.map(({ connectionId, clusterId, ...points }) => [clusterKey(connectionId, clusterId), points]))
}

/**
 * The clusters whose good backups `goodBackupGaps` reads: the ones asked; or every cluster id with a good backup, of
 * any connection (a walk from id to id along `observed_backups_good_by_cluster`, one seek each instead of reading
 * every backup), and every cluster known in the connection (cluster_watch), with a good backup or not.
 */
function goodOrWatchedSql(clusterIds: readonly string[] | undefined): string {
  if (clusterIds !== undefined) return 'WITH scoped(id) AS (SELECT DISTINCT value FROM json_each(@clusters))'
  return `WITH RECURSIVE good(id) AS (
      SELECT (SELECT min(o.cluster_id) FROM observed_backups o WHERE o.was_available = 1)
      UNION ALL
      SELECT (SELECT min(o.cluster_id) FROM observed_backups o WHERE o.was_available = 1 AND o.cluster_id > good.id)
      FROM good WHERE good.id IS NOT NULL),
    scoped(id) AS (SELECT id FROM good WHERE id IS NOT NULL UNION SELECT w.cluster_id FROM cluster_watch w WHERE w.connection_id = @c)`
}

/**
 * Per cluster of one connection, the achieved RPO by contract/protection.ts `achievedRpo` itself, over the good
 * backups (ever AVAILABLE, from the history) created up to `toMs`: the database hands each cluster's good backups of
 * the period [fromMs, toMs] and the newest one before it (two index seeks per cluster, in index order: no sort of the
 * fleet's backups, no window function), and the rule does the rest; a backup before that newest one changes nothing
 * the rule counts. Every cluster with a good backup up to `toMs` or known since some time has an entry; a cluster
 * not known yet counts nothing (its RPO is null), as the rule says.
 */
export function goodBackupGaps(db: StoreDatabase, scope: ConnectionScope, fromMs: number, toMs: number): Map<string, GoodBackupGaps> {
  type Row = { clusterId: string; knownSince: number | null; before: number | null; times: string }
  const rows = readQuery('read the good backups of the period', () =>
    db
      .prepare(
        `${goodOrWatchedSql(scope.clusterIds)}
         SELECT s.id AS clusterId, w.known_since AS knownSince,
           (SELECT max(o.create_time) FROM observed_backups o
            WHERE o.cluster_id = s.id AND o.connection_id = @c AND o.was_available = 1 AND o.create_time < @from) AS before,
           (SELECT json_group_array(o.create_time) FROM observed_backups o
            WHERE o.cluster_id = s.id AND o.connection_id = @c AND o.was_available = 1 AND o.create_time >= @from
              AND o.create_time <= @to) AS times
         FROM scoped s LEFT JOIN cluster_watch w ON w.connection_id = @c AND w.cluster_id = s.id`
      )
      .all({ ...scopeParams(scope), from: fromMs, to: toMs })
  ) as Row[]
  const out = new Map<string, GoodBackupGaps>()
  for (const { clusterId, knownSince, before, times } of rows) {
    const period = ascending(JSON.parse(times) as number[])
    const good = before === null ? period : [before, ...period]
    if (good.length === 0 && knownSince === null) continue
    out.set(clusterId, { rpoMs: achievedRpo(good, toMs, knownSince, toMs - fromMs).rpoMs, newestMs: good.at(-1) ?? null })
  }
  return out
}

/** The times ascending, as the rule takes them: the index hands them so, which one pass checks. */
function ascending(times: number[]): number[] {
  for (let i = 1; i < times.length; i++) if ((times[i] ?? 0) < (times[i - 1] ?? 0)) return times.sort((a, b) => a - b)
  return times
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
