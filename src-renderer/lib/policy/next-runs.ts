import type { BackupPolicy } from '#contract/models/policy'
import { parseFrequency, parseWindow } from '#contract/policy-rules'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

export type PlannedRun = { start: string; end: string }

/** API weekday (1 = Monday … 7 = Sunday) of the UTC day containing `ms`. */
export function utcWeekday(ms: number): number {
  return ((new Date(ms).getUTCDay() + 6) % 7) + 1
}

/**
 * The next `count` windows of a policy after `nowMs`, as the core's scheduler projects them: a window
 * belongs to the UTC weekday it starts on; a window in progress counts. Disabled or invalid → [].
 */
export function nextRuns(policy: BackupPolicy, nowMs: number, count = 5): PlannedRun[] {
  if (!policy.enabled) return []
  const weekdays = new Set(parseFrequency(policy.frequency))
  const window = parseWindow(policy.startTime)
  if (weekdays.size === 0 || window === null) return []
  const lengthMs = (((window.endMinute - window.startMinute + 1440) % 1440) || 1440) * MINUTE
  const runs: PlannedRun[] = []
  const firstDay = Math.floor(nowMs / DAY) * DAY - DAY
  for (let d = 0; runs.length < count && d < 7 * count + 8; d++) {
    const dayStart = firstDay + d * DAY
    if (!weekdays.has(utcWeekday(dayStart))) continue
    const start = dayStart + window.startMinute * MINUTE
    const end = start + lengthMs
    if (end <= nowMs) continue
    runs.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() })
  }
  return runs
}
