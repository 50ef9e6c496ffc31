import type { BackupPolicy, PolicyField, PolicyIssue } from '#contract/models/policy'
import { parseFrequency, parseWindow, START_TIME_PATTERN, validatePolicy } from '#contract/policy-rules'
import { clock } from './policy-text.ts'

/** One cross-region copy row as the admin types it; `retentionDays` is null while the field is empty. */
export type CopyRow = { regionId: string; retentionDays: number | null }

/** What the editor's controls hold. Converted to the API's policy with `formToPolicy`. */
export type PolicyForm = {
  enabled: boolean
  weekdays: number[]
  /** `HH:mm`, UTC; the window is this plus two hours. */
  windowStart: string
  retentionDays: number | null
  copies: CopyRow[]
}

/** The console's defaults when enabling: every day, 00:00–02:00 UTC (08:00 UTC+8), 7 days. */
export const DEFAULT_FORM: PolicyForm = {
  enabled: true,
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  windowStart: '00:00',
  retentionDays: 7,
  copies: []
}

export function policyToForm(policy: BackupPolicy | null): PolicyForm {
  if (policy === null) return { ...DEFAULT_FORM, weekdays: [...DEFAULT_FORM.weekdays], enabled: false }
  const window = parseWindow(policy.startTime)
  const weekdays = parseFrequency(policy.frequency)
  const hasShape = weekdays.length > 0 && window !== null
  return {
    enabled: policy.enabled,
    weekdays: hasShape ? weekdays : [...DEFAULT_FORM.weekdays],
    windowStart: window === null ? DEFAULT_FORM.windowStart : clock(window.startMinute),
    retentionDays: policy.retentionDays >= 1 ? policy.retentionDays : DEFAULT_FORM.retentionDays,
    copies: (policy.crossRegionCopies ?? []).map((c) => ({ regionId: c.regionId, retentionDays: c.retentionDays }))
  }
}

/** `02:00` → `02:00-04:00`: the API's two-hour window. */
export function windowFromStart(start: string): string {
  const [h = NaN, m = NaN] = start.split(':').map(Number)
  if (!Number.isInteger(h) || !Number.isInteger(m)) return ''
  return `${clock(h * 60 + m)}-${clock(h * 60 + m + 120)}`
}

function enabledShape(form: PolicyForm): BackupPolicy {
  return {
    enabled: true,
    frequency: [...new Set(form.weekdays)].sort((a, b) => a - b).join(','),
    startTime: windowFromStart(form.windowStart),
    retentionDays: form.retentionDays ?? 0,
    crossRegionCopies: form.copies.map((c) => ({ regionId: c.regionId.trim(), retentionDays: c.retentionDays ?? 0 }))
  }
}

/**
 * The policy exactly as it will be sent. A disabled policy keeps its schedule when that schedule is
 * valid (so a draft remembers it); otherwise it is sent in the API's empty disabled form.
 */
export function formToPolicy(form: PolicyForm): BackupPolicy {
  const shape = enabledShape(form)
  if (form.enabled) return shape
  if (validatePolicy(shape).length === 0) return { ...shape, enabled: false }
  return { enabled: false, frequency: '', startTime: '', retentionDays: 0, crossRegionCopies: [] }
}

/**
 * The API's rules (`validatePolicy`) on what the form would send, plus the one check the form adds:
 * a copy row needs a region id. A disabled policy has no rules, as with the API.
 */
export function formIssues(form: PolicyForm): PolicyIssue[] {
  const issues = validatePolicy(enabledShape(form))
  if (form.copies.some((c) => c.regionId.trim() === '')) {
    issues.push({ field: 'crossRegionCopies', message: 'Every copy needs a region id, such as aws-us-east-1.' })
  }
  if (!form.enabled) return []
  return issues
}

/** A days field's text as the form holds it: null while empty (the rules then say what is missing). */
export function daysFromInput(raw: string): number | null {
  return raw.trim() === '' ? null : Number(raw)
}

export function issuesFor(issues: readonly PolicyIssue[], field: PolicyField): string[] {
  return issues.filter((i) => i.field === field).map((i) => i.message)
}

/** The hour options of the window-start select, plus the current start when it is off the hour. */
export function windowStartOptions(current: string): string[] {
  const hours = Array.from({ length: 24 }, (_, h) => clock(h * 60))
  if (START_TIME_PATTERN.test(windowFromStart(current)) && !hours.includes(current)) return [...hours, current].sort()
  return hours
}
