import type { Notification } from '#contract/models/notification'
import { test, expect } from '../fixtures.ts'
import { NotificationsPage } from '../pages/notifications-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

let connected: ConnectedEmulator

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  connected = await connectEmulator(request, 'Notice groups e2e')
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await disconnectEmulator(request, connected)
  await request.dispose()
})

/*
 * The demo organization has several backups of one cluster expiring within the default 24 hours: one `expiring`
 * notice each, which the notification centre shows as one entry (core/store/notice-groups.query.ts).
 */
test('repeated notices of a cluster show as one entry with a count, expand to each notice, and are read together', async ({ page, request }) => {
  let entry: Notification | undefined
  await expect
    .poll(async () => {
      const entries = await rpc(request, 'notification/list', {})
      entry = entries.find((n) => n.organization?.connectionId === connected.connectionId && (n.group?.count ?? 0) > 1 && n.group?.unread === n.group?.count)
      return entry !== undefined
    }, { message: 'an unread entry of repeated notices of this organization' })
    .toBe(true)
  if (entry === undefined) return
  const count = entry.group?.count ?? 0

  const centre = new NotificationsPage(page)
  await centre.open()
  // By its own title: a digest's body may name the same notices.
  const item = centre.items.filter({ has: page.getByText(entry.title, { exact: true }) }).filter({ has: page.getByTestId('notice-count') })
  await expect(item).toHaveCount(1)
  await expect(item.getByTestId('notice-count')).toHaveText(`×${count}`)
  await expect(item.locator('.meta')).toContainText('latest')

  // Keyboard: the toggle opens the single notices, newest first, each with its own time.
  const toggle = item.getByRole('button', { name: `Show all ${count}` })
  await toggle.focus()
  await page.keyboard.press('Enter')
  await expect(item.getByRole('button', { name: `Hide the ${count} notices` })).toHaveAttribute('aria-expanded', 'true')
  const singles = item.getByRole('list', { name: `Every notice of: ${entry.title}` }).getByTestId('grouped-notice')
  await expect(singles).toHaveCount(count)
  await expect(singles.first()).toContainText(entry.title)

  await item.getByRole('button', { name: `Mark read: ${entry.title} and the ${count - 1} before it` }).click()
  await expect(item.getByText('New', { exact: true })).toHaveCount(0)
  const group = await rpc(request, 'notification/list', { groupOf: entry.id })
  expect(group.map((n) => n.read)).toEqual(Array.from({ length: count }, () => true))

  // The badge counts entries (not notices), digests left out: what the centre lists as unread.
  const entries = await rpc(request, 'notification/list', { limit: 500 })
  const unreadEntries = entries.filter((n) => !n.read && n.kind !== 'digest').length
  // The top bar's bell (the section link is named "Notifications" alone).
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications/ })
  await expect(bell).toHaveAccessibleName(unreadEntries === 0 ? 'Notifications' : `Notifications, ${unreadEntries} unread`)
})

test('a digest says it covers all organizations, since it shows in each organization\'s view', async ({ page, request }) => {
  // A new connection's first sync raises several notices at once: one digest shows them (core/schedule/delivery.ts).
  let digest: Notification | undefined
  await expect
    .poll(async () => {
      digest = (await rpc(request, 'notification/list', { limit: 500 })).find((n) => n.kind === 'digest')
      return digest !== undefined
    }, { message: 'a digest in the notification centre' })
    .toBe(true)
  if (digest === undefined) return
  const centre = new NotificationsPage(page)
  await centre.open()
  const item = centre.items.filter({ has: page.getByText(digest.title, { exact: true }) }).first()
  await expect(item.getByTestId('notice-organization')).toHaveText('All organizations')
})
