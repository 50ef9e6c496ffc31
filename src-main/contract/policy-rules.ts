import { BoundedMemo } from './bounded-memo.ts'
import type { BackupPolicy } from './models/policy.ts'

/*
 * The API's policy rules as plain functions, free of zod, so that the renderer can run the same
 * validation inline without shipping the schema library (bundle budget). models/policy.ts re-exports them.
 */

/** Weekdays as the API counts them: 1 = Monday … 7 = Sunday. */
export const FREQUENCY_PATTERN = /^[1-7](,[1-7])*$/
/** A UTC window `HH:mm-HH:mm`, exactly as the API validates it. */
export const START_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/
export const RETENTION_MIN = 1
export const RETENTION_MAX = 30
/** The API's retention rule (code 96034) in words: the editors and a fleet change say it the same way. */
export const RETENTION_MESSAGE = `Retention must be between ${RETENTION_MIN} and ${RETENTION_MAX} days.`

export type PolicyField = 'frequency' | 'startTime' | 'retentionDays' | 'crossRegionCopies'
export type PolicyIssue = { field: PolicyField; message: string }

/**
 * The same rules the API applies (codes 96032, 96033, 96034, 96001), run before anything is sent.
 * Returns every issue, so an editor can show them all inline.
 */
export function validatePolicy(policy: BackupPolicy): PolicyIssue[] {
  if (!policy.enabled) return []
  const issues: PolicyIssue[] = []
  if (!FREQUENCY_PATTERN.test(policy.frequency)) {
    issues.push({ field: 'frequency', message: 'Choose at least one weekday.' })
  }
  if (!START_TIME_PATTERN.test(policy.startTime)) {
    issues.push({ field: 'startTime', message: 'The window must look like 02:00-04:00 (UTC).' })
  }
  if (!isRetentionInRange(policy.retentionDays)) {
    issues.push({ field: 'retentionDays', message: RETENTION_MESSAGE })
  }
  const copies = policy.crossRegionCopies ?? []
  const seen = new Set<string>()
  for (const copy of copies) {
    if (!isRetentionInRange(copy.retentionDays)) {
      issues.push({
        field: 'crossRegionCopies',
        message: `Copy retention in ${copy.regionId} must be between ${RETENTION_MIN} and ${RETENTION_MAX} days.`
      })
    }
    if (seen.has(copy.regionId)) {
      issues.push({ field: 'crossRegionCopies', message: `${copy.regionId} is listed twice.` })
    }
    seen.add(copy.regionId)
  }
  return issues
}

/** Whole days from RETENTION_MIN to RETENTION_MAX, for a backup and for each of its copies. */
export function isRetentionInRange(days: number): boolean {
  return Number.isInteger(days) && days >= RETENTION_MIN && days <= RETENTION_MAX
}

/** Weekday numbers (1..7) of a `frequency` string, sorted and deduplicated. */
export function parseFrequency(frequency: string): number[] {
  if (!FREQUENCY_PATTERN.test(frequency)) return []
  return [...new Set(frequency.split(',').map(Number))].sort((a, b) => a - b)
}

/** `{ startMinute, endMinute }` of a `startTime` window, minutes after 00:00 UTC. */
export function parseWindow(startTime: string): { startMinute: number; endMinute: number } | null {
  if (!START_TIME_PATTERN.test(startTime)) return null
  const [start = '', end = ''] = startTime.split('-')
  return { startMinute: toMinutes(start), endMinute: toMinutes(end) }
}

function toMinutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** Two policies mean the same thing to the API (order of weekdays and copies ignored). */
export function policiesEqual(a: BackupPolicy, b: BackupPolicy): boolean {
  if (a.enabled !== b.enabled) return false
  if (!a.enabled) return true
  const copies = (p: BackupPolicy) =>
    JSON.stringify(
      [...(p.crossRegionCopies ?? [])].sort((x, y) => x.regionId.localeCompare(y.regionId))
    )
  return (
    parseFrequency(a.frequency).join(',') === parseFrequency(b.frequency).join(',') &&
    a.startTime === b.startTime &&
    a.retentionDays === b.retentionDays &&
    copies(a) === copies(b)
  )
}

/**
 * The longest run of days between two consecutive scheduled weekdays, and the weekdays it runs between
 * (7 days from a weekday to itself when only one is chosen); null without a valid weekday.
 */
export function longestGap(frequency: string): { days: number; from: number; to: number } | null {
  const gap = longestGaps.get(frequency, () => walkLongestGap(frequency))
  return gap === null ? null : { ...gap }
}

// A fleet shares a handful of schedules, and health and lint ask this of every cluster (cluster/list, 1,000
// clusters: ≈ 15 ms of parsing on the slow machine): each frequency's answer is kept.
const longestGaps = new BoundedMemo<{ days: number; from: number; to: number } | null>(1000)

function walkLongestGap(frequency: string): { days: number; from: number; to: number } | null {
  const days = parseFrequency(frequency)
  let longest: { days: number; from: number; to: number } | null = null
  for (const [i, day] of days.entries()) {
    const next = days[(i + 1) % days.length] ?? day
    const gap = next > day ? next - day : next - day + 7
    if (longest === null || gap > longest.days) longest = { days: gap, from: day, to: next }
  }
  return longest
}
