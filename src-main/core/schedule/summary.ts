import { worstHealth, type HealthLevel } from '#contract/health'
import type { Notifier, WatchSummary } from '../notify/notifier.ts'
import type { NotificationLedger } from './ledger.ts'
import { firstStartAfter, preparePolicies } from './projection.ts'
import type { WatchInputs, WatchPolicy } from './watch-inputs.ts'

const NEXT_WINDOWS = 5
const UNREAD_TITLES = 10

type SummaryInput = {
  ledger: NotificationLedger
  inputs: WatchInputs
  policies: readonly WatchPolicy[]
  nowMs: number
  /** A connection with policies and no successful sync for this long counts as offline. */
  offlineAfterMs: number
  /** Every cluster's health level, from the one health function (core/fleet/health.ts). */
  healthLevels: readonly HealthLevel[]
}

/** The tray's view: unread count and worst level, the next windows, whether any connection is offline. */
function buildSummary(s: SummaryInput): WatchSummary {
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
  const count = (level: HealthLevel): number => s.healthLevels.filter((l) => l === level).length
  const health = { worst: worstHealth(s.healthLevels), failing: count('failing'), warning: count('warning'), pending: count('pending') }
  // A failing cluster alarms even when its notice was read: the tray never looks calmer than the Fleet.
  const level =
    stats.worst === 'critical' || health.failing > 0 ? 'critical' : stats.worst === 'warning' || health.warning > 0 ? 'warning' : 'ok'
  return { unread: stats.unread, level, isOffline, nextWindows, unreadTitles: stats.titles, health }
}

export function publishSummary(notifier: Notifier, s: SummaryInput): void {
  notifier.setSummary(buildSummary(s))
}
