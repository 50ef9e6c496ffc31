import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { NOTIFICATION_SETTING_RANGES as RANGES } from '../limits.ts'
import { notificationKindSchema } from '../models/notification.ts'

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

/** A local-time range `start`–`end` (may cross midnight) during which notices are held, not shown. */
export const quietHoursSchema = z
  .object({
    start: z.string().regex(HH_MM),
    end: z.string().regex(HH_MM)
  })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'Quiet hours must not start and end at the same time.' })

export type QuietHours = z.infer<typeof quietHoursSchema>

/** The watcher's notification settings. Ranges keep every lead time meaningful for a weekly schedule. */
export const notificationSettingsSchema = z
  .object({
    /** Warn this long before an expected backup window starts. */
    upcomingLeadMinutes: z.number().int().min(RANGES.upcomingLeadMinutes.min).max(RANGES.upcomingLeadMinutes.max),
    /** Warn this long before an AVAILABLE backup expires. */
    expiringLeadHours: z.number().int().min(RANGES.expiringLeadHours.min).max(RANGES.expiringLeadHours.max),
    /** How long after a window ends before it counts as missed (backups may be listed late). */
    missedGraceMinutes: z.number().int().min(RANGES.missedGraceMinutes.min).max(RANGES.missedGraceMinutes.max),
    /** A backup CREATING longer than this is stuck. */
    stuckLimitHours: z.number().int().min(RANGES.stuckLimitHours.min).max(RANGES.stuckLimitHours.max),
    /** null = no quiet hours. */
    quietHours: quietHoursSchema.nullable(),
    /**
     * Kinds switched off: never shown nor sent as `notification/raised`, but still recorded in the ledger
     * (health reads it, and the notification centre lists them).
     */
    mutedKinds: z.array(notificationKindSchema.exclude(['digest'])).max(16)
  })
  .strict()

export type NotificationSettings = z.infer<typeof notificationSettingsSchema>

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  upcomingLeadMinutes: 30,
  expiringLeadHours: 24,
  missedGraceMinutes: 120,
  stuckLimitHours: 6,
  quietHours: null,
  mutedKinds: []
}

export const settingsCommands = {
  /** The notification settings in effect. */
  'settings/get': defineCommand({
    input: z.object({}).strict().default({}),
    output: notificationSettingsSchema
  }),
  /** Changes some settings; returns all of them. The watcher re-plans at once. */
  'settings/update': defineCommand({
    input: notificationSettingsSchema.partial().strict(),
    output: notificationSettingsSchema
  })
}
