import { durationText, formatLocalAndUtc, zonedParts } from '#contract/time'
import { parseWindow } from '#contract/policy-rules'
import { clock } from './policy-text.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** `3 h ago`, `30 h ago`, `in 5 days`, `just now` (durationText: the core's health reasons write ages alike). */
export function relativeText(iso: string, nowMs: number): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return 'unknown'
  const delta = ms - nowMs
  if (Math.abs(delta) < MINUTE) return 'just now'
  return delta < 0 ? `${durationText(delta)} ago` : `in ${durationText(delta)}`
}

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

type InstantText = {
  /** `Wed 25 Nov 23:00 (UTC+01:00)` in the given zone. */
  local: string
  /** `22:00 UTC`, or `Tue 24 Nov 23:00 UTC` when the UTC date differs from the local one. */
  utc: string
  /** Both, for one-line use. */
  text: string
}

function dayText(p: { year: number; month: number; day: number }): string {
  const weekday = WEEKDAY_SHORT[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()] ?? ''
  return `${weekday} ${p.day} ${MONTH_SHORT[p.month - 1] ?? ''}`
}

/** Local time (with weekday and offset) and UTC of an instant; the raw value when it is not an ISO instant. */
export function localAndUtcText(iso: string, timeZone: string): InstantText {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return { local: iso, utc: iso, text: iso }
  const local = zonedParts(ms, timeZone)
  const utc = zonedParts(ms, 'UTC')
  const localText = `${dayText(local)} ${clock(local.hour * 60 + local.minute)} (${formatLocalAndUtc(iso, timeZone).offset})`
  const sameDate = local.year === utc.year && local.month === utc.month && local.day === utc.day
  const utcClock = clock(utc.hour * 60 + utc.minute)
  const utcText = sameDate ? `${utcClock} UTC` : `${dayText(utc)} ${utcClock} UTC`
  return { local: localText, utc: utcText, text: `${localText} · ${utcText}` }
}

/**
 * The UTC window in the admin's zone, on the day of `onMs` (DST matters):
 * `03:00–05:00 in Europe/Berlin`, with `(next day)` / `(previous day)` when the local start falls on another date.
 */
export function localWindowText(startTime: string, timeZone: string, onMs: number): string | null {
  const window = parseWindow(startTime)
  if (window === null) return null
  const day = Math.floor(onMs / DAY) * DAY
  const startMs = day + window.startMinute * MINUTE
  const local = zonedParts(startMs, timeZone)
  const utc = zonedParts(startMs, 'UTC')
  const localStart = local.hour * 60 + local.minute
  const dayShift = Date.UTC(local.year, local.month - 1, local.day) - Date.UTC(utc.year, utc.month - 1, utc.day)
  const suffix = dayShift > 0 ? ' (next day)' : dayShift < 0 ? ' (previous day)' : ''
  const length = (window.endMinute - window.startMinute + 1440) % 1440 || 1440
  return `${clock(localStart)}–${clock(localStart + length)} in ${timeZone}${suffix}`
}

/** `HH:mm` of an instant in a zone; `—` when it is not an ISO instant. */
export function clockIn(iso: string, timeZone: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return '—'
  const p = zonedParts(ms, timeZone)
  return clock(p.hour * 60 + p.minute)
}
