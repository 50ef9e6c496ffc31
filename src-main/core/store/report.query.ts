import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

export type WindowCounts = { missed: number; failed: number }

/**
 * Per cluster, the `missed` windows (slot = window start) and `failed` jobs (slot = job end) the notification
 * ledger recorded in [fromMs, toMs). The ledger is keyed by cluster id, unique across Zilliz Cloud.
 */
export function windowCountsInPeriod(db: StoreDatabase, fromMs: number, toMs: number): Map<string, WindowCounts> {
  const rows = readQuery('count the missed and failed windows', () =>
    db
      .prepare(
        `SELECT cluster_id AS clusterId, kind, count(*) AS n FROM notifications
         WHERE kind IN ('missed', 'failed') AND slot >= ? AND slot < ? GROUP BY cluster_id, kind`
      )
      .all(fromMs, toMs)
  ) as { clusterId: string; kind: 'missed' | 'failed'; n: number }[]
  const out = new Map<string, WindowCounts>()
  for (const { clusterId, kind, n } of rows) {
    const counts = out.get(clusterId) ?? { missed: 0, failed: 0 }
    counts[kind] = n
    out.set(clusterId, counts)
  }
  return out
}
