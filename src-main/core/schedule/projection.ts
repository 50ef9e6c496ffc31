import { scheduleOf, windowsBetween, type WindowSchedule } from '#contract/backup-windows'
import type { WatchPolicy } from './watch-inputs.ts'

export { DAY_MS, firstStartAfter, utcWeekday } from '#contract/backup-windows'

/** An expected backup window of a cluster, epoch ms UTC, end exclusive. */
export type ProjectedWindow = {
  clusterId: string
  clusterName: string
  connectionId: string
  startMs: number
  endMs: number
}

type PreparedPolicy = WindowSchedule & { policy: WatchPolicy }

/**
 * Expected windows of many policies overlapping [fromMs, toMs), sorted by start then cluster
 * (see windowsBetween in contract/backup-windows.ts for what a window is). Policies with an unusable
 * weekday list or window are skipped (the API would have refused them).
 */
export function projectWindows(policies: readonly WatchPolicy[], fromMs: number, toMs: number): ProjectedWindow[] {
  const windows: ProjectedWindow[] = []
  for (const p of preparePolicies(policies)) {
    const { clusterId, clusterName, connectionId } = p.policy
    for (const w of windowsBetween(p, fromMs, toMs)) windows.push({ clusterId, clusterName, connectionId, startMs: w.startMs, endMs: w.endMs })
  }
  // Code-unit order, not localeCompare: a re-plan sorts ~10,000 windows and collation costs ~10× more.
  return windows.sort((a, b) => a.startMs - b.startMs || (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0))
}

/** Parsed weekday sets and windows; policies the API would refuse are dropped. */
export function preparePolicies(policies: readonly WatchPolicy[]): PreparedPolicy[] {
  const prepared: PreparedPolicy[] = []
  for (const policy of policies) {
    const schedule = scheduleOf(policy.frequency, policy.startTime)
    if (schedule !== null) prepared.push({ ...schedule, policy })
  }
  return prepared
}
