import type { SerializedError } from '#contract/errors'
import type { Notification } from '#contract/models/notification'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { toasts, type ToastKind } from './toasts.svelte.ts'

const TOAST_KIND: Record<Notification['severity'], ToastKind> = { info: 'info', warning: 'warning', critical: 'error' }

/**
 * The badge's unread count, the notification centre, and toasts and OS notifications for new notices. The shell
 * follows the count alone (`load`, one COUNT in the core); the centre's entries are read only while the
 * Notifications screen shows them (`showList`), not 500 entries for a number.
 */
export class NotificationsState {
  items = $state<Notification[]>([])
  isUnreadOnly = $state(false)
  isLoading = $state(false)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)
  permission = $state<NotificationPermission | 'unsupported'>(
    typeof window !== 'undefined' && 'Notification' in window ? window.Notification.permission : 'unsupported'
  )

  /** The badge: unread entries, counted as the tray counts them (`notification/unread-count`, UnreadStats). */
  unreadCount = $state(0)
  readonly visible = $derived(this.isUnreadOnly ? this.items.filter((n) => !n.read) : this.items)

  private latestLoad = 0
  private latestCount = 0
  /** How many screens show the entries now (the Notifications screen, while mounted). */
  private listViewers = 0

  constructor(private readonly core: CoreClient) {}

  /**
   * A raised notice goes into a toast and to the OS when the window is not focused; the count is read again, and the
   * list if shown, since the core decides which entry (group of repeated notices) the notice joins
   * (core/store/notice-groups.query.ts).
   */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name !== 'notification/raised') return
      const notice = message.payload
      toasts.show(TOAST_KIND[notice.severity], notice.title, notice.body)
      this.showSystemNotification(notice)
      void this.load()
    })
  }

  /** Reads the unread count, and the entries too while a screen shows them. */
  async load(): Promise<void> {
    await Promise.all([this.loadCount(), this.listViewers > 0 ? this.loadList() : Promise.resolve()])
  }

  /** The entries are read now and kept current until the returned function is called (the screen's onMount). */
  showList(): () => void {
    this.listViewers += 1
    void this.loadList()
    return () => {
      this.listViewers -= 1
    }
  }

  async loadCount(): Promise<void> {
    const request = ++this.latestCount
    const result = await this.core.invoke('notification/unread-count', {})
    // A count that fails to come keeps the last one: the badge is a hint, the centre's own read reports errors.
    if (request === this.latestCount && result.ok) this.unreadCount = result.value.unread
  }

  async loadList(): Promise<void> {
    this.isLoading = true
    // Two loads in flight (a burst of raised notices): only the latest request's answer is kept.
    const request = ++this.latestLoad
    const result = await this.core.invoke('notification/list', { limit: 500 })
    if (request !== this.latestLoad) return
    this.isLoading = false
    this.hasLoaded = true
    if (result.ok) {
      this.items = result.value
      this.error = null
    } else {
      this.error = result.error
    }
  }

  /** Marks the entries `ids` read: every notice each of them stands for. */
  async markRead(ids: string[]): Promise<SerializedError | null> {
    const result = await this.core.invoke('notification/mark-read', { groupsOf: ids })
    if (!result.ok) return result.error
    this.items = this.items.map((n) => (ids.includes(n.id) ? asRead(n) : n))
    void this.loadCount()
    return null
  }

  async markAllRead(): Promise<SerializedError | null> {
    const result = await this.core.invoke('notification/mark-read', { all: true })
    if (!result.ok) return result.error
    this.items = this.items.map(asRead)
    void this.loadCount()
    return null
  }

  /** The single notices an entry stands for, newest first. */
  async loadGroup(id: string): Promise<{ ok: true; notices: Notification[] } | { ok: false; error: SerializedError }> {
    const result = await this.core.invoke('notification/list', { groupOf: id, limit: 1000 })
    return result.ok ? { ok: true, notices: result.value } : { ok: false, error: result.error }
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

function asRead(entry: Notification): Notification {
  return { ...entry, read: true, ...(entry.group === undefined ? {} : { group: { ...entry.group, unread: 0 } }) }
}

/**
 * One rule for every unread count: an unread ENTRY of the centre counts once, however many repeated notices it
 * stands for; a digest does not count, since each notice it summarises has an entry of its own.
 */
export function countsAsUnread(entry: Notification): boolean {
  return !entry.read && entry.kind !== 'digest'
}
