import type { BackupPolicy } from '#contract/models/policy'
import { parseFrequency, parseWindow } from '#contract/policy-rules'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

export type PlannedRun = { start: string; end: string }

/** API weekday (1 = Monday … 7 = Sunday) of the UTC day containing `ms`. */
export function utcWeekday(ms: number): number {
  return ((new Date(ms).getUTCDay() + 6) % 7) + 1
}

/** The policy's windows, in order, from the day before `nowMs` on (so a window crossing midnight is seen). */
function* windowsFrom(policy: BackupPolicy, nowMs: number, maxDays: number): Generator<PlannedRun> {
  if (!policy.enabled) return
  const weekdays = new Set(parseFrequency(policy.frequency))
  const window = parseWindow(policy.startTime)
  if (weekdays.size === 0 || window === null) return
  const lengthMs = (((window.endMinute - window.startMinute + 1440) % 1440) || 1440) * MINUTE
  const firstDay = Math.floor(nowMs / DAY) * DAY - DAY
  for (let d = 0; d < maxDays; d++) {
    const dayStart = firstDay + d * DAY
    if (!weekdays.has(utcWeekday(dayStart))) continue
    const start = dayStart + window.startMinute * MINUTE
    yield { start: new Date(start).toISOString(), end: new Date(start + lengthMs).toISOString() }
  }
}

/**
 * The next `count` windows of a policy that start after `nowMs` (a window belongs to the UTC weekday it starts
 * on). A window that has already started is not a "next run": Zilliz starts its backup inside it, so it is
 * reported apart by `windowInProgress`. Disabled or invalid → [].
 */
export function nextRuns(policy: BackupPolicy, nowMs: number, count = 5): PlannedRun[] {
  const runs: PlannedRun[] = []
  for (const run of windowsFrom(policy, nowMs, 7 * count + 8)) {
    if (runs.length === count) break
    if (Date.parse(run.start) > nowMs) runs.push(run)
  }
  return runs
}

/** The window open at `nowMs`, if any (including one that began yesterday and crosses midnight). */
export function windowInProgress(policy: BackupPolicy, nowMs: number): PlannedRun | null {
  for (const run of windowsFrom(policy, nowMs, 2)) {
    if (Date.parse(run.start) <= nowMs && Date.parse(run.end) > nowMs) return run
  }
  return null
}
