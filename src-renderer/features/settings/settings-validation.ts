import { NOTIFICATION_SETTING_RANGES as RANGES } from '#contract/limits'
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
