import type { HealthLevel } from '#contract/health'
import type { Notification } from '#contract/models/notification'

/** The watch state a tray icon and its tooltip show. */
export type WatchSummary = {
  unread: number
  /** The worse of the worst unread notice and the fleet's health: drives the tray icon (normal, warning, alert). */
  level: 'ok' | 'warning' | 'critical'
  /** How many clusters are at each health level that needs attention (core/fleet/health.ts, as the Fleet shows). */
  health: { worst: HealthLevel; failing: number; warning: number; pending: number }
  isOffline: boolean
  nextWindows: { clusterId: string; clusterName: string; start: string }[]
  unreadTitles: { id: string; title: string; clusterId: string }[]
}

/**
 * How notices leave the core: an OS notification and tray under Electron, the event stream
 * (toasts, Web Notifications) in the browser host, a recording fake in tests.
 */
export type Notifier = {
  show(notification: Notification): void
  setSummary(summary: WatchSummary): void
}

export const nullNotifier: Notifier = { show: () => undefined, setSummary: () => undefined }
