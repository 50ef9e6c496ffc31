import { formatLocalAndUtc } from '#contract/time'

const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

/** Bytes in human units (1024-based, as the console shows them). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = value >= 100 || unit === 0 ? 0 : value >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit] ?? 'B'}`
}

/** "in 3 d 4 h", "in 25 min", "expired" — the time left until `iso` from `now`. */
export function formatCountdown(iso: string, now: number): string {
  const ms = Date.parse(iso) - now
  if (Number.isNaN(ms)) return '—'
  if (ms <= 0) return 'expired'
  const minutes = Math.floor(ms / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days > 0) return `in ${days} d ${hours} h`
  if (hours > 0) return `in ${hours} h ${mins} min`
  return `in ${Math.max(mins, 1)} min`
}

/** HH:MM in the local zone. */
export function formatClock(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
}

let zone = { name: '', minute: -1 }

/**
 * The IANA name of this machine's zone, for texts that name it or `formatLocalAndUtc` in it (a time shown in the zone
 * without its name needs no Intl: MACHINE_ZONE, #contract/time). Asked once a minute at most: resolving it builds a
 * DateTimeFormat, and a screen may ask for every row it draws.
 */
export function localTimeZone(): string {
  const minute = Math.floor(Date.now() / 60_000)
  if (zone.minute !== minute) zone = { name: Intl.DateTimeFormat().resolvedOptions().timeZone, minute }
  return zone.name
}

/**
 * Does now what the first time and count drawn on a fresh page would do: resolves the local zone, builds its
 * formatter and formats a number. The page's first Intl call loads ICU's data (15–45 ms of a fresh Chromium page,
 * measured on the 2-core machine under load): done while the page waits for an answer or is idle, it is not paid
 * by the first screen that shows a time (App.svelte, sections.ts; bench/ui-backups).
 */
export function warmTimeFormatting(): void {
  formatLocalAndUtc(new Date().toISOString(), localTimeZone())
  void (0).toLocaleString()
}
