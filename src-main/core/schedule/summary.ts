import type { Notifier, WatchSummary } from '../notify/notifier.ts'
import type { NotificationLedger } from './ledger.ts'
import { firstStartAfter, preparePolicies } from './projection.ts'
import type { WatchInputs, WatchPolicy } from './watch-inputs.ts'

const NEXT_WINDOWS = 5
const UNREAD_TITLES = 10

export type SummaryInput = {
  ledger: NotificationLedger
  inputs: WatchInputs
  policies: readonly WatchPolicy[]
  nowMs: number
  /** A connection with policies and no successful sync for this long counts as offline. */
  offlineAfterMs: number
}

/** The tray's view: unread count and worst level, the next windows, whether any connection is offline. */
export function buildSummary(s: SummaryInput): WatchSummary {
  const stats = s.ledger.unreadStats(UNREAD_TITLES)
  const connections = new Set(s.policies.map((p) => p.connectionId))
  const isOffline = [...connections].some((id) => {
    const last = s.inputs.lastSuccessfulSync(id)
    return last === null || last < s.nowMs - s.offlineAfterMs
  })
  const nextWindows = preparePolicies(s.policies)
    .flatMap((p) => {
      const startMs = firstStartAfter(p, s.nowMs - 1)
      return startMs === null ? [] : [{ startMs, clusterId: p.policy.clusterId, clusterName: p.policy.clusterName }]
    })
    .sort((a, b) => a.startMs - b.startMs || (a.clusterId < b.clusterId ? -1 : 1))
    .slice(0, NEXT_WINDOWS)
    .map((w) => ({ clusterId: w.clusterId, clusterName: w.clusterName, start: new Date(w.startMs).toISOString() }))
  const level = stats.worst === 'critical' ? 'critical' : stats.worst === 'warning' ? 'warning' : 'ok'
  return { unread: stats.unread, level, isOffline, nextWindows, unreadTitles: stats.titles }
}

export function publishSummary(notifier: Notifier, s: SummaryInput): void {
  notifier.setSummary(buildSummary(s))
}
