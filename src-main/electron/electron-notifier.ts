import { Notification } from 'electron'
import type { Notification as CoreNotification } from '#contract/models/notification'
import type { Notifier, WatchSummary } from '#core/notify/notifier'

/** Keeps shown notifications reachable: one collected by GC loses its click handler. */
const MAX_PENDING = 50

/**
 * Linux notification daemons may render a subset of HTML in the body; cluster and backup names
 * come from the API, so they are shown as text (docs/reliability.md#r9, applied to the OS).
 */
export function notificationText(text: string, platform: NodeJS.Platform): string {
  if (platform !== 'linux') return text
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/**
 * The Notifier port under Electron: an OS notification per notice and the tray for the summary.
 * A click opens the window on that notice (`openNotification`, see main.ts for the routing).
 */
export function createElectronNotifier(deps: {
  setSummary(summary: WatchSummary): void
  openNotification(id: string): void
  platform?: NodeJS.Platform
}): Notifier {
  const platform = deps.platform ?? process.platform
  const pending = new Set<Notification>()
  return {
    show(notice: CoreNotification) {
      if (!Notification.isSupported()) return
      const shown = new Notification({
        title: notificationText(notice.title, platform),
        body: notificationText(notice.body, platform),
        urgency: notice.severity === 'critical' ? 'critical' : 'normal',
        timeoutType: notice.severity === 'critical' ? 'never' : 'default',
        silent: notice.severity === 'info'
      })
      shown.on('click', () => {
        pending.delete(shown)
        deps.openNotification(notice.id)
      })
      shown.on('close', () => {
        pending.delete(shown)
      })
      pending.add(shown)
      if (pending.size > MAX_PENDING) {
        const [oldest] = pending
        if (oldest !== undefined) pending.delete(oldest)
      }
      shown.show()
    },
    setSummary(summary) {
      deps.setSummary(summary)
    }
  }
}
