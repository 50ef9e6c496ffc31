import {
  DEFAULT_NOTIFICATION_SETTINGS,
  notificationSettingsSchema,
  type NotificationSettings
} from '#contract/commands/settings'
import { storedSettings } from '../lib/stored-settings.ts'
import type { KeyValueStore } from './ledger.ts'

const stored = storedSettings('notifications', notificationSettingsSchema, DEFAULT_NOTIFICATION_SETTINGS)

/** The stored settings over the defaults; a stored value that no longer parses falls back to the defaults. */
export function loadNotificationSettings(kv: KeyValueStore): NotificationSettings {
  return stored.load(kv)
}

/** Applies a validated patch and stores the whole result. */
export function saveNotificationSettings(kv: KeyValueStore, patch: Partial<NotificationSettings>): NotificationSettings {
  return stored.save(kv, patch)
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
