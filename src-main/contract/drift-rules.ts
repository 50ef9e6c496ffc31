import type { BackupPolicy } from './models/policy.ts'
import { parseFrequency } from './policy-rules.ts'

/*
 * How a cluster's remote policy departs from its template, free of zod so that the renderer words a drift
 * exactly as the core counts it (cluster/list carries the field names; the details view the sentence).
 */

export type DriftField = 'enabled' | 'frequency' | 'startTime' | 'retentionDays' | 'crossRegionCopies'

/** A drifted field in words, for lists that carry only the field names (`cluster/list`, `template/list`). */
export const DRIFT_FIELD_LABELS: Record<DriftField, string> = {
  enabled: 'on/off',
  frequency: 'weekdays',
  startTime: 'window',
  retentionDays: 'retention',
  crossRegionCopies: 'cross-region copies'
}

/** `["retentionDays", "frequency"]` → `retention, weekdays`; an unknown name is shown as it is. */
export function driftFieldsText(fields: readonly string[]): string {
  return fields.map((f) => (f in DRIFT_FIELD_LABELS ? DRIFT_FIELD_LABELS[f as DriftField] : f)).join(', ')
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** The policy fields on which `remote` differs from `template`, in the meaning of `policiesEqual`. */
export function driftFields(template: BackupPolicy, remote: BackupPolicy): DriftField[] {
  if (template.enabled !== remote.enabled) return ['enabled']
  if (!template.enabled) return []
  const fields: DriftField[] = []
  if (parseFrequency(template.frequency).join(',') !== parseFrequency(remote.frequency).join(',')) fields.push('frequency')
  if (template.startTime !== remote.startTime) fields.push('startTime')
  if (template.retentionDays !== remote.retentionDays) fields.push('retentionDays')
  if (copiesKey(template) !== copiesKey(remote)) fields.push('crossRegionCopies')
  return fields
}

/** Each difference in words, the remote's value first: `retention 7 ≠ 21`, `Sunday missing`. */
export function driftPhrases(template: BackupPolicy, remote: BackupPolicy): string[] {
  const phrases: string[] = []
  for (const field of driftFields(template, remote)) {
    switch (field) {
      case 'enabled':
        phrases.push(remote.enabled ? 'automatic backups on' : 'automatic backups off')
        break
      case 'frequency':
        phrases.push(...weekdayPhrases(template.frequency, remote.frequency))
        break
      case 'startTime':
        phrases.push(`window ${remote.startTime} ≠ ${template.startTime}`)
        break
      case 'retentionDays':
        phrases.push(`retention ${remote.retentionDays} ≠ ${template.retentionDays}`)
        break
      case 'crossRegionCopies':
        phrases.push('cross-region copies differ')
        break
    }
  }
  return phrases
}

/** "Drifted from prod-daily: retention 7 ≠ 21, Sunday missing", or null when the remote is in line. */
export function describeDrift(templateName: string, template: BackupPolicy, remote: BackupPolicy): string | null {
  const phrases = driftPhrases(template, remote)
  return phrases.length === 0 ? null : `Drifted from ${templateName}: ${phrases.join(', ')}`
}

function weekdayPhrases(wanted: string, actual: string): string[] {
  const want = new Set(parseFrequency(wanted))
  const have = new Set(parseFrequency(actual))
  const missing = [...want].filter((d) => !have.has(d)).map(weekdayName)
  const extra = [...have].filter((d) => !want.has(d)).map(weekdayName)
  const phrases: string[] = []
  if (missing.length > 0) phrases.push(`${missing.join(', ')} missing`)
  if (extra.length > 0) phrases.push(`${extra.join(', ')} extra`)
  return phrases
}

function weekdayName(day: number): string {
  return WEEKDAYS[day - 1] ?? String(day)
}

function copiesKey(policy: BackupPolicy): string {
  return JSON.stringify(
    [...(policy.crossRegionCopies ?? [])]
      .sort((a, b) => a.regionId.localeCompare(b.regionId))
      .map((c) => [c.regionId, c.retentionDays])
  )
}
