import { clustersParam, inClusters } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/** A missed window (slot = the window's start) or a failed job (slot = its end), as the ledger recorded it. */
type WindowNotice = { connectionId: string; clusterId: string; kind: 'missed' | 'failed'; slotMs: number }

/**
 * Which of the ledger's notices are windows, in [fromMs, toMs), of one connection when given. A notice belongs to
 * the connection whose mirror raised it (schema 12): two connections may list the same cluster id, and one's
 * missed windows must never count for the other. `missed-unverified` is left out: it says the window could not be
 * checked, not that it was missed.
 */
type WindowScope = { connectionId?: string | undefined; clusterIds?: readonly string[] | undefined; fromMs: number; toMs: number }

const windowsSql = (q: WindowScope): string =>
  `n.kind IN ('missed', 'failed') AND n.slot >= @from AND n.slot < @to AND (@c IS NULL OR n.connection_id = @c)
   AND ${inClusters('n.cluster_id', q.clusterIds)}`

const windowParams = (q: WindowScope): Record<string, unknown> => ({
  from: q.fromMs, to: q.toMs, c: q.connectionId ?? null, clusters: clustersParam(q.clusterIds)
})

/**
 * The notification ledger's `missed` and `failed` notices: the history and the Timeline read missed windows from
 * the ledger that raised them, so they agree with what the admin was told.
 */
export function listWindowNotices(db: StoreDatabase, q: WindowScope): WindowNotice[] {
  return readQuery('read the missed and failed windows', () =>
    db
      .prepare(
        `SELECT n.connection_id AS connectionId, n.cluster_id AS clusterId, n.kind, n.slot AS slotMs FROM notifications n
         WHERE ${windowsSql(q)} ORDER BY n.cluster_id, n.slot`
      )
      .all(windowParams(q))
  ) as WindowNotice[]
}

type WindowCounts = { missed: number; failed: number }

/** Per cluster of one connection, how many windows the ledger recorded as missed and failed: the compliance report. */
export function windowCountsInPeriod(db: StoreDatabase, q: WindowScope & { connectionId: string }): Map<string, WindowCounts> {
  const rows = readQuery('count the missed and failed windows', () =>
    db
      .prepare(`SELECT n.cluster_id AS clusterId, n.kind, count(*) AS n FROM notifications n WHERE ${windowsSql(q)} GROUP BY n.cluster_id, n.kind`)
      .all(windowParams(q))
  ) as { clusterId: string; kind: 'missed' | 'failed'; n: number }[]
  const out = new Map<string, WindowCounts>()
  for (const { clusterId, kind, n } of rows) {
    const counts = out.get(clusterId) ?? { missed: 0, failed: 0 }
    counts[kind] = n
    out.set(clusterId, counts)
  }
  return out
}
