import type { QuietHours } from '#contract/commands/settings'
import { zonedParts } from '#contract/time'

const MINUTE_MS = 60_000
const DAY_MINUTES = 24 * 60

function toMinutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  return h * 60 + m
}

function localMinute(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone)
  return p.hour * 60 + p.minute
}

/** Quiet hours are local wall-clock times; a range like 22:00–07:00 crosses midnight. */
export function isQuietAt(ms: number, quiet: QuietHours | null, timeZone: string): boolean {
  if (quiet === null) return false
  const m = localMinute(ms, timeZone)
  const start = toMinutes(quiet.start)
  const end = toMinutes(quiet.end)
  return start < end ? m >= start && m < end : m >= start || m < end
}

/** The next instant after `ms` at which the local clock reads `quiet.end`. */
export function quietEndAfter(ms: number, quiet: QuietHours, timeZone: string): number {
  return nextLocalTimeAfter(ms, quiet.end, timeZone)
}

/**
 * The next instant after `ms` at which the local clock reads `hhmm` (quiet hours' end, a webhook digest).
 * Stepping by whole minutes and then correcting by the change of UTC offset keeps this right across a DST change.
 */
export function nextLocalTimeAfter(ms: number, hhmm: string, timeZone: string): number {
  const base = Math.floor(ms / MINUTE_MS) * MINUTE_MS
  const delta = (toMinutes(hhmm) - localMinute(ms, timeZone) + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES
  let candidate = base + delta * MINUTE_MS
  const shift = zonedParts(candidate, timeZone).offsetMinutes - zonedParts(ms, timeZone).offsetMinutes
  candidate -= shift * MINUTE_MS
  return candidate > ms ? candidate : candidate + DAY_MINUTES * MINUTE_MS
}
