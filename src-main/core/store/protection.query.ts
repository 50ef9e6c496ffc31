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

export type NewestKept = { backupId: string; backupName: string; status: string; size: number; expireMs: number | null }

/**
 * Per cluster, its newest backup that is AVAILABLE or still CREATING: when that one is AVAILABLE, nothing newer is
 * on the way, and its expiry is when the cluster's last restorable point goes ("Keep a copy now", issue 16).
 */
export function newestKeptBackups(db: StoreDatabase, scope: Scope): Map<string, NewestKept> {
  // With max() SQLite takes the other bare columns from the row holding the maximum.
  const rows = readQuery('read the newest kept backups', () =>
    db
      .prepare(
        `SELECT b.cluster_id AS clusterId, b.backup_id AS backupId, b.backup_name AS backupName, b.status, b.size,
           b.expire_time AS expireMs, max(b.create_time) AS createMs
         FROM backups b WHERE b.status IN ('AVAILABLE', 'CREATING') AND ${scopeSql('b', scope)} GROUP BY b.cluster_id`
      )
      .all(scopeParams(scope))
  ) as (NewestKept & { clusterId: string; createMs: number })[]
  return new Map(rows.map(({ clusterId, backupId, backupName, status, size, expireMs }) => [clusterId, { backupId, backupName, status, size, expireMs }]))
}
