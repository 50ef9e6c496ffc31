import { parseFrequency, parseWindow } from '#contract/models/policy'
import type { WatchPolicy } from './watch-inputs.ts'

export const DAY_MS = 24 * 60 * 60 * 1000
const MINUTE_MS = 60_000
/** The API's windows are two hours; used when `startTime` gives no usable length. */
const DEFAULT_WINDOW_MINUTES = 120

/** An expected backup window, epoch ms UTC, end exclusive. */
export type ProjectedWindow = {
  clusterId: string
  clusterName: string
  connectionId: string
  startMs: number
  endMs: number
}

export type PreparedPolicy = { policy: WatchPolicy; weekdays: Set<number>; startMinute: number; lengthMs: number }

/** API weekday (1 = Monday … 7 = Sunday) of the UTC day containing `ms`; 1 January 1970 was a Thursday. */
export function utcWeekday(ms: number): number {
  return weekdayOfDay(Math.floor(ms / DAY_MS))
}

function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1
}

/**
 * Expected windows overlapping [fromMs, toMs), sorted by start then cluster. A window belongs to the UTC
 * weekday it starts on, so `23:00-01:00` on weekday 7 runs from Sunday 23:00 to Monday 01:00.
 * Policies with an unusable weekday list or window are skipped (the API would have refused them).
 */
export function projectWindows(
  policies: readonly WatchPolicy[],
  fromMs: number,
  toMs: number
): ProjectedWindow[] {
  const windows: ProjectedWindow[] = []
  if (toMs <= fromMs) return windows
  // A window that started the day before `fromMs` may still be open.
  const firstDay = Math.floor(fromMs / DAY_MS) - 1
  const lastDay = Math.floor(toMs / DAY_MS)
  const prepared = preparePolicies(policies)
  for (let day = firstDay; day <= lastDay; day++) {
    const dayStart = day * DAY_MS
    const weekday = weekdayOfDay(day)
    for (const p of prepared) {
      if (!p.weekdays.has(weekday)) continue
      const startMs = dayStart + p.startMinute * MINUTE_MS
      const endMs = startMs + p.lengthMs
      if (endMs <= fromMs || startMs >= toMs) continue
      const { clusterId, clusterName, connectionId } = p.policy
      windows.push({ clusterId, clusterName, connectionId, startMs, endMs })
    }
  }
  // Code-unit order, not localeCompare: a re-plan sorts ~10,000 windows and collation costs ~10× more.
  return windows.sort((a, b) => a.startMs - b.startMs || (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0))
}

/** Parsed weekday sets and windows; policies the API would refuse are dropped. */
export function preparePolicies(policies: readonly WatchPolicy[]): PreparedPolicy[] {
  return policies.map(prepare).filter((p): p is PreparedPolicy => p !== null)
}

/**
 * The earliest window start of `p` strictly after `afterMs`, without building windows: re-planning needs
 * one minimum per policy, not thousands of sorted window objects.
 */
export function firstStartAfter(p: PreparedPolicy, afterMs: number): number | null {
  const firstDay = Math.floor(afterMs / DAY_MS)
  for (let day = firstDay; day <= firstDay + 8; day++) {
    const startMs = day * DAY_MS + p.startMinute * MINUTE_MS
    if (startMs > afterMs && p.weekdays.has(weekdayOfDay(day))) return startMs
  }
  return null
}

type Schedule = Omit<PreparedPolicy, 'policy'>

/**
 * Parsed schedules by `frequency|startTime`. A fleet shares few distinct schedules and every re-plan
 * prepares every policy several times, so parsing once per distinct pair matters; pure, so safe to share.
 */
const schedules = new Map<string, Schedule | null>()
const MAX_SCHEDULES = 10_000

function prepare(policy: WatchPolicy): PreparedPolicy | null {
  const key = `${policy.frequency}|${policy.startTime}`
  let schedule = schedules.get(key)
  if (schedule === undefined) {
    if (schedules.size >= MAX_SCHEDULES) schedules.clear()
    schedule = parseSchedule(policy)
    schedules.set(key, schedule)
  }
  return schedule === null ? null : { policy, ...schedule }
}

function parseSchedule(policy: WatchPolicy): Schedule | null {
  const weekdays = parseFrequency(policy.frequency)
  const window = parseWindow(policy.startTime)
  if (weekdays.length === 0 || window === null) return null
  const minutes = (window.endMinute - window.startMinute + 24 * 60) % (24 * 60)
  return {
    weekdays: new Set(weekdays),
    startMinute: window.startMinute,
    lengthMs: (minutes === 0 ? DEFAULT_WINDOW_MINUTES : minutes) * MINUTE_MS
  }
}
