import { backupPolicySchema, type BackupPolicy } from '#contract/models/policy'
import { clustersParam, inClusters } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/** One connection's clusters, all of them or the ones asked. */
type ConnectionScope = { connectionId: string; clusterIds?: readonly string[] }

/**
 * Per cluster of one connection, how many restorable points it had at `toMs`, from the backup history: good backups
 * (ever AVAILABLE) created at or before `toMs` that had neither expired (expire time) nor gone from the list (gone_at:
 * deleted, or noticed gone by a sync) by then. Clusters with none have no entry. One grouped statement along
 * `observed_backups_good_by_cluster`, whatever the fleet's size (bench/report.bench.ts). Counting the created ones
 * from the covering index and subtracting the ended ones was faster only while few had expired, slower once most
 * had, as a history soon holds.
 */
export function restorablePointsAt(db: StoreDatabase, scope: ConnectionScope, toMs: number): Map<string, number> {
  const rows = readQuery('read the restorable points at the period end', () =>
    db
      .prepare(
        `SELECT o.cluster_id AS clusterId, count(*) AS n FROM observed_backups o
         WHERE o.was_available = 1 AND o.connection_id = @c AND ${inClusters('o.cluster_id', scope.clusterIds)}
           AND o.create_time <= @to AND (o.gone_at IS NULL OR o.gone_at > @to) AND (o.expire_time IS NULL OR o.expire_time > @to)
         GROUP BY o.cluster_id`
      )
      .all({ c: scope.connectionId, clusters: clustersParam(scope.clusterIds), to: toMs })
  ) as { clusterId: string; n: number }[]
  return new Map(rows.map((r) => [r.clusterId, r.n]))
}

/**
 * Per cluster of one connection whose policy the app knows at `toMs`: the policy in effect then, by the policy
 * history (store/history.repo.ts). The newest change at or before `toMs` says it (its `after`); with none, the app's
 * mirror held the same policy from the cluster's first complete sync until the first change after `toMs` (its
 * `before`), or until now when nothing changed since (`current`, the mirrored policy, when it was read). Before the
 * first sync nothing is known: no entry, and the report says the policy it shows is the current one.
 */
export function policiesAt(
  db: StoreDatabase,
  scope: ConnectionScope,
  toMs: number,
  current: ReadonlyMap<string, BackupPolicy | null>
): Map<string, BackupPolicy> {
  type Row = { clusterId: string; firstSynced: number | null; after: string | null; nextChanged: number; nextBefore: string | null }
  const rows = readQuery('read the policies at the period end', () =>
    db
      .prepare(
        `WITH scoped(id) AS (
           SELECT w.cluster_id FROM cluster_watch w WHERE w.connection_id = @c AND ${inClusters('w.cluster_id', scope.clusterIds)}
           UNION SELECT h.cluster_id FROM policy_history h WHERE h.connection_id = @c AND ${inClusters('h.cluster_id', scope.clusterIds)})
         SELECT s.id AS clusterId,
           (SELECT w.first_synced_at FROM cluster_watch w WHERE w.connection_id = @c AND w.cluster_id = s.id) AS firstSynced,
           (SELECT h.after FROM policy_history h WHERE h.connection_id = @c AND h.cluster_id = s.id AND h.at <= @to
            ORDER BY h.at DESC, h.id DESC LIMIT 1) AS after,
           EXISTS (SELECT 1 FROM policy_history h WHERE h.connection_id = @c AND h.cluster_id = s.id AND h.at > @to) AS nextChanged,
           (SELECT h.before FROM policy_history h WHERE h.connection_id = @c AND h.cluster_id = s.id AND h.at > @to
            ORDER BY h.at, h.id LIMIT 1) AS nextBefore
         FROM scoped s`
      )
      .all({ c: scope.connectionId, clusters: clustersParam(scope.clusterIds), to: toMs })
  ) as Row[]
  const out = new Map<string, BackupPolicy>()
  for (const r of rows) {
    if (r.after !== null) {
      out.set(r.clusterId, backupPolicySchema.parse(JSON.parse(r.after)))
    } else if (r.firstSynced !== null && r.firstSynced <= toMs) {
      const mirrored = current.get(r.clusterId) ?? null
      if (r.nextChanged === 0) {
        if (mirrored !== null) out.set(r.clusterId, mirrored)
      } else if (r.nextBefore !== null) {
        out.set(r.clusterId, backupPolicySchema.parse(JSON.parse(r.nextBefore)))
      }
    }
  }
  return out
}
