import { describe, expect, test } from 'vitest'
import { success } from '#contract/envelope'
import type { Notification } from '#contract/models/notification'
import { NotificationsState } from '../../../../src-renderer/lib/state/notifications.svelte.ts'
import { FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

const notice: Notification = {
  id: '1',
  kind: 'missed',
  severity: 'critical',
  title: 'Backup missed',
  body: 'b',
  clusterId: 'k1',
  slot: '2026-11-26T09:00:00Z',
  createdAt: '2026-11-26T10:00:00Z',
  read: false
}

function core(unread: { value: number }): FakeCoreClient {
  return new FakeCoreClient()
    .answer('notification/unread-count', () => success({ unread: unread.value }))
    .answer('notification/list', () => success([notice]))
    .answer('notification/mark-read', () => success({ updated: 1 }))
}

describe('NotificationsState: the badge reads a count, the centre its entries', () => {
  test('the shell reads the unread count alone, never the entries, and again on each raised notice', async () => {
    const unread = { value: 3 }
    const client = core(unread)
    const notifications = new NotificationsState(client)
    const stop = notifications.watch()
    await notifications.load()
    expect(notifications.unreadCount).toBe(3)

    unread.value = 4
    client.emit('notification/raised', notice)
    await settle()
    expect(notifications.unreadCount).toBe(4)
    expect(client.callsOf('notification/list')).toEqual([])
    stop()
  })

  test('the entries are read while a screen shows them, and followed then; the count follows marking read', async () => {
    const unread = { value: 1 }
    const client = core(unread)
    const notifications = new NotificationsState(client)
    const stop = notifications.watch()
    const hide = notifications.showList()
    await settle()
    expect(notifications.items.map((n) => n.id)).toEqual(['1'])
    await notifications.load()
    expect(client.callsOf('notification/list')).toHaveLength(2)

    unread.value = 0
    expect(await notifications.markRead(['1'])).toBeNull()
    await settle()
    expect(notifications.unreadCount).toBe(0)
    expect(notifications.items[0]?.read).toBe(true)

    hide()
    await notifications.load()
    expect(client.callsOf('notification/list')).toHaveLength(2)
    stop()
  })
})
