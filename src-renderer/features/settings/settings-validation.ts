import { HISTORY_RETENTION_DAYS_RANGE, NOTIFICATION_SETTING_RANGES as RANGES } from '#contract/limits'
import type { NotificationSettings } from '#contract/commands/settings'

/** The notification settings as the form edits them. */
export type SettingsDraft = {
  upcomingLeadMinutes: number
  expiringLeadHours: number
  missedGraceMinutes: number
  stuckLimitHours: number
  hasQuietHours: boolean
  quietStart: string
  quietEnd: string
  /** Kinds switched off: recorded in the centre, never shown as they arrive. */
  mutedKinds: NotificationSettings['mutedKinds']
}

type NumberKey = 'upcomingLeadMinutes' | 'expiringLeadHours' | 'missedGraceMinutes' | 'stuckLimitHours'

type NumberField = { key: NumberKey; label: string; hint: string; min: number; max: number; unit: string }

/** The numeric settings with the contract's ranges (NOTIFICATION_SETTING_RANGES in src-main/contract/limits.ts). */
export const NUMBER_FIELDS: readonly NumberField[] = [
  { key: 'upcomingLeadMinutes', label: 'Warn before a window (minutes)', hint: 'Notice before an expected backup window starts.', unit: 'minutes', ...RANGES.upcomingLeadMinutes },
  { key: 'expiringLeadHours', label: 'Warn before expiry (hours)', hint: 'Notice before an available backup expires.', unit: 'hours', ...RANGES.expiringLeadHours },
  { key: 'missedGraceMinutes', label: 'Missed after (minutes)', hint: 'Grace after a window ends before it counts as missed.', unit: 'minutes', ...RANGES.missedGraceMinutes },
  { key: 'stuckLimitHours', label: 'Stuck after (hours)', hint: 'A backup creating longer than this is stuck.', unit: 'hours', ...RANGES.stuckLimitHours }
]

/** The message for a value that is not a whole number within the range; undefined when it is. */
export function wholeNumberIssue(value: unknown, range: { min: number; max: number; unit: string }): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) return undefined
  return `Enter a whole number of ${range.unit} from ${range.min} to ${range.max}.`
}

/** Settings → Protection: the history retention in the contract's range (protection-settings/update). */
export function historyRetentionIssue(days: unknown): string | undefined {
  return wholeNumberIssue(days, { ...HISTORY_RETENTION_DAYS_RANGE, unit: 'days' })
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

/** Field → message for every invalid field (empty when all is well). */
export function validateSettings(draft: SettingsDraft): Partial<Record<NumberKey | 'quietHours', string>> {
  const issues: Partial<Record<NumberKey | 'quietHours', string>> = {}
  for (const field of NUMBER_FIELDS) {
    const issue = wholeNumberIssue(draft[field.key], field)
    if (issue !== undefined) issues[field.key] = issue
  }
  if (draft.hasQuietHours) {
    if (!HH_MM.test(draft.quietStart) || !HH_MM.test(draft.quietEnd)) issues.quietHours = 'Enter both times as HH:MM.'
    else if (draft.quietStart === draft.quietEnd) issues.quietHours = 'Quiet hours must not start and end at the same time.'
  }
  return issues
}
