/* The words a policy is shown in, shared by the renderer and the CLI (zod-free, like policy-rules.ts). */
import type { BackupPolicy } from './models/policy.ts'
import { parseFrequency, parseWindow } from './policy-rules.ts'

/** API weekday numbers (1 = Monday … 7 = Sunday) with their names, in the API's order. */
export const WEEKDAYS = [
  { day: 1, name: 'Monday', short: 'Mon' },
  { day: 2, name: 'Tuesday', short: 'Tue' },
  { day: 3, name: 'Wednesday', short: 'Wed' },
  { day: 4, name: 'Thursday', short: 'Thu' },
  { day: 5, name: 'Friday', short: 'Fri' },
  { day: 6, name: 'Saturday', short: 'Sat' },
  { day: 7, name: 'Sunday', short: 'Sun' }
] as const

export function weekdayShort(day: number): string {
  return WEEKDAYS.find((w) => w.day === day)?.short ?? `Day ${day}`
}

/** `Mon, Wed, Fri`; `Every day` for all seven; `Mon–Fri` for the working week. */
export function weekdaysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  if (sorted.length === 7) return 'Every day'
  if (sorted.join(',') === '1,2,3,4,5') return 'Mon–Fri'
  if (sorted.join(',') === '6,7') return 'Sat, Sun'
  return sorted.map(weekdayShort).join(', ')
}

/** `02:00-04:00` → `02:00–04:00 UTC`. */
export function windowText(startTime: string): string {
  const window = parseWindow(startTime)
  if (window === null) return startTime === '' ? 'no window' : startTime
  return `${clock(window.startMinute)}–${clock(window.endMinute)} UTC`
}

/** One line for lists: `Mon, Wed, Fri · 02:00–04:00 UTC · 7 days`, or `Disabled`. */
export function policySummary(policy: BackupPolicy | null): string {
  if (policy === null) return 'Not read yet'
  if (!policy.enabled) return 'Disabled'
  const days = parseFrequency(policy.frequency)
  const parts = [days.length === 0 ? 'no weekdays' : weekdaysText(days), windowText(policy.startTime), daysText(policy.retentionDays)]
  const copies = policy.crossRegionCopies ?? []
  if (copies.length > 0) parts.push(countNoun(copies.length, 'cross-region copy', 'cross-region copies'))
  return parts.join(' · ')
}

/** `1 cluster`, `3 clusters`: the one place a count meets its noun (the renderer and the CLI alike). */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`
}

export function daysText(days: number): string {
  return countNoun(days, 'day')
}

/** Minutes after midnight → `HH:mm` (wrapping at 24 h). */
export function clock(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}
