/**
 * Time display shared by the core and the renderer. Every instant is stored and sent as UTC; the UI shows
 * the admin's local time and UTC side by side. An explicit IANA `timeZone` keeps this testable and
 * independent of the machine's zone; offsets come from Intl, so DST is whatever the tz database says.
 */

/** Wall-clock fields of an instant in a time zone. */
export type ZonedParts = {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  /** Local minus UTC, in minutes (Berlin summer = 120, New York winter = -300). */
  offsetMinutes: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/**
 * The zone this process's clock is set to, by no name: its fields are read with Date's local getters, which need none
 * of Intl's data. A fresh page's first use of Intl loads ICU's locale data (30–70 ms of its main thread on the 2-core
 * machine, measured): a screen that shows times in the admin's own zone without naming it (the Fleet's rows) draws its
 * first frame with none of it. Only a text that names the zone needs its IANA name (`Intl`, lib/ui/format.ts).
 */
export const MACHINE_ZONE = 'machine'

/**
 * The local calendar fields and UTC offset of `epochMs` in `timeZone` (an IANA name, or MACHINE_ZONE). Throws
 * RangeError on an unknown zone.
 * UTC is read with Date's UTC getters: every time shown beside its UTC reads it, and Intl's formatToParts costs
 * far more (the Timeline formats each lane's and mark's words); test/unit/core/schedule/time.test.ts checks both agree.
 */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  if (timeZone === 'UTC') {
    const d = new Date(epochMs)
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), offsetMinutes: 0 }
  }
  if (timeZone === MACHINE_ZONE) {
    // `0 - offset`: a zone at UTC has an offset of 0, not -0.
    const d = new Date(epochMs)
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), offsetMinutes: 0 - d.getTimezoneOffset() }
  }
  const fields: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value)
  }
  const year = fields['year'] ?? 1970
  const month = fields['month'] ?? 1
  const day = fields['day'] ?? 1
  const hour = fields['hour'] ?? 0
  const minute = fields['minute'] ?? 0
  const second = fields['second'] ?? 0
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second)
  const wholeSecond = Math.floor(epochMs / 1000) * 1000
  return { year, month, day, hour, minute, offsetMinutes: Math.round((asUtc - wholeSecond) / 60_000) }
}

export type LocalAndUtc = {
  /** `2026-03-29 03:30` in the given zone. */
  local: string
  /** `2026-03-29 01:30`. */
  utc: string
  /** `UTC+02:00`. */
  offset: string
  /** `2026-03-29 03:30 (UTC+02:00) · 01:30 UTC`; the UTC date is added when it differs from the local one. */
  text: string
}

/** Formats an ISO UTC instant for display: local time in `timeZone` next to UTC. */
export function formatLocalAndUtc(iso: string, timeZone: string): LocalAndUtc {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${iso.slice(0, 40)}`)
  const local = zonedParts(ms, timeZone)
  const utc = zonedParts(ms, 'UTC')
  const localDate = dateText(local)
  const utcDate = dateText(utc)
  const localText = `${localDate} ${clockText(local)}`
  const utcText = `${utcDate} ${clockText(utc)}`
  const offset = offsetText(local.offsetMinutes)
  const utcShort = utcDate === localDate ? clockText(utc) : utcText
  return { local: localText, utc: utcText, offset, text: `${localText} (${offset}) · ${utcShort} UTC` }
}

function dateText(p: ZonedParts): string {
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

function clockText(p: ZonedParts): string {
  return `${pad(p.hour)}:${pad(p.minute)}`
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/**
 * `25 min`, `47 h`, `12 days`: an age or a wait as every screen and the core's health reasons write it,
 * rounded to its unit; hours up to two days, where a day's rounding would hide whether a daily backup is late.
 */
export function durationText(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < HOUR_MS) return `${String(Math.max(1, Math.round(abs / MINUTE_MS)))} min`
  if (abs < 48 * HOUR_MS) return `${String(Math.round(abs / HOUR_MS))} h`
  return `${String(Math.round(abs / (24 * HOUR_MS)))} days`
}
