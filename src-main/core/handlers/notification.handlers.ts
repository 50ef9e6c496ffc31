import type { NotificationLedger } from '../schedule/ledger.ts'
import type { HandlersFor } from './types.ts'

type NotificationHandlerDeps = {
  ledger: NotificationLedger
  /** Read flags changed: the tray summary is refreshed. */
  onReadChanged(): void
}

export function notificationHandlers(deps: NotificationHandlerDeps): HandlersFor<'notification/list' | 'notification/unread-count' | 'notification/mark-read'> {
  return {
    'notification/list': (input) => Promise.resolve(deps.ledger.list(input)),
    'notification/unread-count': () => Promise.resolve({ unread: deps.ledger.unreadCount() }),
    'notification/mark-read': (input) => {
      const updated = deps.ledger.markRead(input)
      if (updated > 0) deps.onReadChanged()
      return Promise.resolve({ updated })
    }
  }
}
