import {
  DEFAULT_NOTIFICATION_SETTINGS,
  notificationSettingsSchema,
  type NotificationSettings
} from '#contract/commands/settings'
import type { KeyValueStore } from './ledger.ts'

const SETTINGS_KEY = 'notifications'

/** The stored settings over the defaults; a stored value that no longer parses falls back to the defaults. */
export function loadNotificationSettings(kv: KeyValueStore): NotificationSettings {
  const raw = kv.read(SETTINGS_KEY)
  if (raw === null) return DEFAULT_NOTIFICATION_SETTINGS
  try {
    const parsed = notificationSettingsSchema.safeParse({
      ...DEFAULT_NOTIFICATION_SETTINGS,
      ...(JSON.parse(raw) as object)
    })
    return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_SETTINGS
  } catch {
    return DEFAULT_NOTIFICATION_SETTINGS
  }
}

/** Applies a validated patch and stores the whole result. */
export function saveNotificationSettings(
  kv: KeyValueStore,
  patch: Partial<NotificationSettings>
): NotificationSettings {
  const next = notificationSettingsSchema.parse({ ...loadNotificationSettings(kv), ...patch })
  kv.write(SETTINGS_KEY, JSON.stringify(next))
  return next
}

/** The settings as milliseconds, the unit the watcher computes in. */
export type WatchTimings = {
  upcomingLeadMs: number
  expiringLeadMs: number
  missedGraceMs: number
  stuckLimitMs: number
}

export function timingsOf(s: NotificationSettings): WatchTimings {
  return {
    upcomingLeadMs: s.upcomingLeadMinutes * 60_000,
    expiringLeadMs: s.expiringLeadHours * 3_600_000,
    missedGraceMs: s.missedGraceMinutes * 60_000,
    stuckLimitMs: s.stuckLimitHours * 3_600_000
  }
}
