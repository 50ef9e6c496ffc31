/*
 * Policy lint: advice on a policy that the API would accept. Zod-free, so the policy editor runs it inline
 * before anything is applied, and the core uses the same rules per cluster and in the compliance report.
 * Each rule has a stable id (Settings switches rules off by id), a severity and a one-line explanation.
 */
import type { BackupPolicy } from './models/policy.ts'
import { BoundedMemo } from './bounded-memo.ts'
import { longestGap, parseFrequency, parseWindow } from './policy-rules.ts'

export const LINT_RULES = [
  {
    id: 'disabled-on-prod', severity: 'warning', title: 'Policy disabled on production',
    explanation: 'Automatic backups are off on a cluster of a production-tagged connection or of a project whose name says prod.'
  },
  {
    id: 'retention-shorter-than-gap', severity: 'warning', title: 'Retention shorter than the gap between backup days',
    explanation: 'Backups expire before the next backup day comes, so some days have no restorable backup.'
  },
  {
    id: 'no-copy-on-prod', severity: 'info', title: 'No cross-region copy on production',
    explanation: 'A production cluster keeps no copy of its backups in another region.'
  },
  {
    id: 'copy-on-azure', severity: 'error', title: 'Cross-region copy on Azure',
    explanation: 'The policy asks for cross-region copies on Azure, where Zilliz Cloud does not make them.'
  },
  {
    id: 'window-in-office-hours', severity: 'info', title: 'Window during office hours',
    explanation: 'The backup window, during which no manual backup can start, falls in 09:00–17:00 Mon–Fri of your time zone.'
  }
] as const

export type LintRuleId = (typeof LINT_RULES)[number]['id']
export const LINT_RULE_IDS = LINT_RULES.map((r) => r.id) as [LintRuleId, ...LintRuleId[]]
export const LINT_SEVERITIES = ['error', 'warning', 'info'] as const
export type LintSeverity = (typeof LINT_SEVERITIES)[number]
export type LintFinding = { ruleId: LintRuleId; severity: LintSeverity; message: string }

export type LintSubject = {
  policy: BackupPolicy
  /** The cluster's region, e.g. aws-us-west-2, az-eastus. */
  regionId: string
  projectName: string
  /** The connection's tag label (e.g. "prod"), if any. */
  connectionTag: string | null
  /** The admin's IANA time zone, for office hours. */
  timeZone: string
  /** Any instant: office hours are judged on the week that contains it. */
  nowMs: number
  /** Rule ids switched off in Settings. */
  rulesOff?: readonly string[]
}

const OFFICE_START_MINUTE = 9 * 60
const OFFICE_END_MINUTE = 17 * 60
const DAY_MS = 86_400_000

/** A connection tagged prod, or a project whose name says prod (production, prd-eu, ...). */
export function isProduction(s: Pick<LintSubject, 'projectName' | 'connectionTag'>): boolean {
  const says = (text: string | null): boolean => text !== null && /\bprod|\bprd\b/i.test(text)
  return says(s.connectionTag) || says(s.projectName)
}

export function isAzureRegion(regionId: string): boolean {
  return /^(az|azure)-/i.test(regionId)
}

/** What the editor knows of a cluster besides its policy. */
export type LintContext = Pick<LintSubject, 'regionId' | 'projectName' | 'connectionTag'>

/** Every finding of the enabled rules, most severe first. */
export function lintPolicy(s: LintSubject): LintFinding[] {
  const off = new Set(s.rulesOff ?? [])
  const out: LintFinding[] = []
  const add = (ruleId: LintRuleId, message: string): void => {
    if (off.has(ruleId)) return
    const rule = LINT_RULES.find((r) => r.id === ruleId)
    out.push({ ruleId, severity: rule?.severity ?? 'info', message })
  }
  const { policy } = s
  const prod = isProduction(s)
  const copies = policy.crossRegionCopies ?? []
  if (!policy.enabled) {
    if (prod) add('disabled-on-prod', 'Automatic backups are off on a production cluster.')
  } else {
    const gap = longestGap(policy.frequency)
    if (gap !== null && policy.retentionDays < gap.days) {
      add('retention-shorter-than-gap', `Backups are kept ${policy.retentionDays} d but run up to ${gap.days} d apart: some days have no restorable backup.`)
    }
    if (prod && copies.length === 0) add('no-copy-on-prod', 'A production cluster has no cross-region copy.')
    const office = officeHourDays(policy, s.timeZone, s.nowMs)
    if (office.length > 0) {
      add('window-in-office-hours', `The backup window falls in office hours (${office.join(', ')}); a manual backup cannot start while it runs.`)
    }
  }
  if (copies.length > 0 && isAzureRegion(s.regionId)) add('copy-on-azure', 'Zilliz Cloud does not make cross-region copies on Azure.')
  const rank: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 }
  return out.sort((a, b) => rank[a.severity] - rank[b.severity])
}

export type LintSummary = { worst: LintSeverity; count: number }

/** A Fleet row's mark: how many findings, and the severity of the worst; null when there is none. */
export function summarizeLint(findings: readonly LintFinding[]): LintSummary | null {
  if (findings.length === 0) return null
  const worst = LINT_SEVERITIES.find((severity) => findings.some((f) => f.severity === severity)) ?? 'info'
  return { worst, count: findings.length }
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

// Fleets share a few schedules (templates): the answer per (zone, week, weekdays, window) is kept, so linting a
// thousand clusters costs a handful of walks through the week (bench/report.bench.ts).
const officeDaysMemo = new BoundedMemo<string[]>(1000)

/** Local weekdays (Mon–Fri) on which a scheduled window overlaps 09:00–17:00 in `timeZone`. */
function officeHourDays(policy: BackupPolicy, timeZone: string, nowMs: number): string[] {
  // The week index changes on Mondays 00:00 UTC (1 Jan 1970 was a Thursday), as the walk's week does.
  const week = Math.floor((nowMs + 3 * DAY_MS) / (7 * DAY_MS))
  const key = `${timeZone}|${String(week)}|${policy.frequency}|${policy.startTime}`
  return officeDaysMemo.get(key, () => walkOfficeHourDays(policy, timeZone, nowMs))
}

function walkOfficeHourDays(policy: BackupPolicy, timeZone: string, nowMs: number): string[] {
  const window = parseWindow(policy.startTime)
  if (window === null) return []
  const monday = Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth(), new Date(nowMs).getUTCDate()) -
    ((new Date(nowMs).getUTCDay() + 6) % 7) * DAY_MS
  const days = new Set<string>()
  for (const weekday of parseFrequency(policy.frequency)) {
    const startMs = monday + (weekday - 1) * DAY_MS + window.startMinute * 60_000
    const lengthMs = ((window.endMinute - window.startMinute + 1440) % 1440 || 1440) * 60_000
    for (let t = startMs; t < startMs + lengthMs; t += 15 * 60_000) {
      const local = localParts(t, timeZone)
      if (local.weekday < 5 && local.minute >= OFFICE_START_MINUTE && local.minute < OFFICE_END_MINUTE) days.add(WEEKDAY_NAMES[local.weekday] ?? '')
    }
  }
  return WEEKDAY_NAMES.filter((d) => days.has(d))
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and lint runs per
// cluster of a whole fleet in the compliance report (bench/report.bench.ts).
const formatters = new Map<string, Intl.DateTimeFormat>()

type LocalParts = { weekday: number; minute: number }

// A fleet's windows overlap (its 01:00–03:00 and 02:00–04:00 both walk 02:00–03:00), so most instants of a week's
// walk recur: their local parts are kept per (zone, instant), which stays exact whatever the zone's offset changes
// (DST, half-hour zones). The first Fleet answer after a start lints every template's window; formatToParts is
// most of that walk. At most a week of quarter-hours per zone and start minute are walked.
const localPartsMemo = new BoundedMemo<LocalParts>(20_000)

function localParts(ms: number, timeZone: string): LocalParts {
  return localPartsMemo.get(`${timeZone}|${String(ms)}`, () => formatLocalParts(ms, timeZone))
}

// "Mon 09:15": format() costs a third of formatToParts(); the parts are read only when the text has another shape.
const FORMATTED_PARTS = /^([A-Z][a-z]{2})\D+(\d{2}):(\d{2})$/

function formatLocalParts(ms: number, timeZone: string): LocalParts {
  let format = formatters.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, format)
  }
  const match = FORMATTED_PARTS.exec(format.format(ms))
  const weekday = match === null ? -1 : WEEKDAY_NAMES.indexOf(match[1] ?? '')
  if (match !== null && weekday >= 0) return { weekday, minute: Number(match[2]) * 60 + Number(match[3]) }
  const parts = format.formatToParts(ms)
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? ''
  return { weekday: WEEKDAY_NAMES.indexOf(get('weekday')), minute: Number(get('hour')) * 60 + Number(get('minute')) }
}
