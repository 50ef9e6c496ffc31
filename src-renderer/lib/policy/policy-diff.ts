import type { BackupPolicy } from '#contract/models/policy'
import { parseFrequency } from '#contract/policy-rules'
import { daysText, weekdaysText, windowText } from './policy-text.ts'

export type DiffRow = { field: 'Enabled' | 'Weekdays' | 'Window' | 'Retention' | 'Copies'; before: string; after: string; isChanged: boolean }

function copiesText(policy: BackupPolicy): string {
  const copies = [...(policy.crossRegionCopies ?? [])].sort((a, b) => a.regionId.localeCompare(b.regionId))
  return copies.length === 0 ? 'none' : copies.map((c) => `${c.regionId} (${daysText(c.retentionDays)})`).join(', ')
}

/** Each field of a policy in words (a disabled policy shows only that it is off). */
export function policyFieldTexts(policy: BackupPolicy | null): Record<DiffRow['field'], string> {
  if (policy === null) return { Enabled: 'unknown', Weekdays: 'unknown', Window: 'unknown', Retention: 'unknown', Copies: 'unknown' }
  if (!policy.enabled) return { Enabled: 'no', Weekdays: '—', Window: '—', Retention: '—', Copies: '—' }
  const days = parseFrequency(policy.frequency)
  return {
    Enabled: 'yes',
    Weekdays: days.length === 0 ? 'none' : weekdaysText(days),
    Window: windowText(policy.startTime),
    Retention: daysText(policy.retentionDays),
    Copies: copiesText(policy)
  }
}

/** Field-by-field comparison, before → after; a disabled side shows only whether it is enabled. */
export function diffPolicies(before: BackupPolicy | null, after: BackupPolicy): DiffRow[] {
  const a = policyFieldTexts(before)
  const b = policyFieldTexts(after)
  const order: DiffRow['field'][] = ['Enabled', 'Weekdays', 'Window', 'Retention', 'Copies']
  return order.map((field) => ({ field, before: a[field], after: b[field], isChanged: a[field] !== b[field] }))
}
