/** The notification settings as the form edits them. */
export type SettingsDraft = {
  upcomingLeadMinutes: number
  expiringLeadHours: number
  missedGraceMinutes: number
  stuckLimitHours: number
  hasQuietHours: boolean
  quietStart: string
  quietEnd: string
}

type NumberKey = 'upcomingLeadMinutes' | 'expiringLeadHours' | 'missedGraceMinutes' | 'stuckLimitHours'

/** The numeric settings with the contract's ranges (src-main/contract/commands/settings.ts). */
export const NUMBER_FIELDS: readonly { key: NumberKey; label: string; hint: string; min: number; max: number; unit: string }[] = [
  { key: 'upcomingLeadMinutes', label: 'Warn before a window (minutes)', hint: 'Notice before an expected backup window starts.', min: 1, max: 1440, unit: 'minutes' },
  { key: 'expiringLeadHours', label: 'Warn before expiry (hours)', hint: 'Notice before an available backup expires.', min: 1, max: 336, unit: 'hours' },
  { key: 'missedGraceMinutes', label: 'Missed after (minutes)', hint: 'Grace after a window ends before it counts as missed.', min: 0, max: 1440, unit: 'minutes' },
  { key: 'stuckLimitHours', label: 'Stuck after (hours)', hint: 'A backup creating longer than this is stuck.', min: 1, max: 168, unit: 'hours' }
]

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

/** Field → message for every invalid field (empty when all is well). */
export function validateSettings(draft: SettingsDraft): Partial<Record<NumberKey | 'quietHours', string>> {
  const issues: Partial<Record<NumberKey | 'quietHours', string>> = {}
  for (const field of NUMBER_FIELDS) {
    const value = draft[field.key]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < field.min || value > field.max) {
      issues[field.key] = `Enter a whole number of ${field.unit} from ${field.min} to ${field.max}.`
    }
  }
  if (draft.hasQuietHours) {
    if (!HH_MM.test(draft.quietStart) || !HH_MM.test(draft.quietEnd)) issues.quietHours = 'Enter both times as HH:MM.'
    else if (draft.quietStart === draft.quietEnd) issues.quietHours = 'Quiet hours must not start and end at the same time.'
  }
  return issues
}
