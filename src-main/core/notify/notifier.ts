import type { Notification } from '#contract/models/notification'

/** The watch state a tray icon and its tooltip show. */
export type WatchSummary = {
  unread: number
  /** The worst unread notice: drives the tray icon (normal, warning, alert). */
  level: 'ok' | 'warning' | 'critical'
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
