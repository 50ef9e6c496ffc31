import { clustersParam, inClusters } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/** A missed window (slot = the window's start) or a failed job (slot = its end), as the ledger recorded it. */
export type WindowNotice = { clusterId: string; kind: 'missed' | 'failed'; slotMs: number }

/**
 * The notification ledger's `missed` and `failed` notices with a slot in [fromMs, toMs): the history and the
 * report read missed windows from the ledger that raised them, so they agree with what the admin was told.
 * `missed-unverified` is left out: it says the window could not be checked, not that it was missed.
 */
export function listWindowNotices(db: StoreDatabase, q: { clusterIds?: readonly string[]; fromMs: number; toMs: number }): WindowNotice[] {
  return readQuery('read the missed and failed windows', () =>
    db
      .prepare(
        `SELECT cluster_id AS clusterId, kind, slot AS slotMs FROM notifications
         WHERE kind IN ('missed', 'failed') AND slot >= @from AND slot < @to
           AND ${inClusters('cluster_id', q.clusterIds)}
         ORDER BY cluster_id, slot`
      )
      .all({ from: q.fromMs, to: q.toMs, clusters: clustersParam(q.clusterIds) })
  ) as WindowNotice[]
}
