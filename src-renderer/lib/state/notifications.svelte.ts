import type { SerializedError } from '#contract/errors'
import type { Notification } from '#contract/models/notification'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { toasts, type ToastKind } from './toasts.svelte.ts'

const TOAST_KIND: Record<Notification['severity'], ToastKind> = { info: 'info', warning: 'warning', critical: 'error' }

/** The notification centre, plus toasts and OS notifications for new notices. */
export class NotificationsState {
  items = $state<Notification[]>([])
  isUnreadOnly = $state(false)
  isLoading = $state(false)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)
  permission = $state<NotificationPermission | 'unsupported'>(
    typeof window !== 'undefined' && 'Notification' in window ? window.Notification.permission : 'unsupported'
  )

  readonly unreadCount = $derived(this.items.filter((n) => !n.read).length)
  readonly visible = $derived(this.isUnreadOnly ? this.items.filter((n) => !n.read) : this.items)

  constructor(private readonly core: CoreClient) {}

  /** A raised notice goes on top of the list, into a toast, and to the OS when the window is not focused. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name !== 'notification/raised') return
      const notice = message.payload
      this.items = [notice, ...this.items.filter((n) => n.id !== notice.id)]
      toasts.show(TOAST_KIND[notice.severity], notice.title, notice.body)
      this.showSystemNotification(notice)
    })
  }

  async load(): Promise<void> {
    this.isLoading = true
    const result = await this.core.invoke('notification/list', { limit: 500 })
    this.isLoading = false
    this.hasLoaded = true
    if (result.ok) {
      this.items = result.value
      this.error = null
    } else {
      this.error = result.error
    }
  }

  async markRead(ids: string[]): Promise<SerializedError | null> {
    const result = await this.core.invoke('notification/mark-read', { ids })
    if (!result.ok) return result.error
    this.items = this.items.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n))
    return null
  }

  async markAllRead(): Promise<SerializedError | null> {
    const result = await this.core.invoke('notification/mark-read', { all: true })
    if (!result.ok) return result.error
    this.items = this.items.map((n) => ({ ...n, read: true }))
    return null
  }

  /** Must be called from a user gesture (a button), as browsers require. */
  async requestPermission(): Promise<void> {
    if (this.permission === 'unsupported') return
    this.permission = await window.Notification.requestPermission()
  }

  private showSystemNotification(notice: Notification): void {
    if (this.permission !== 'granted' || document.hasFocus()) return
    new window.Notification(notice.title, { body: notice.body, tag: notice.id })
  }
}
