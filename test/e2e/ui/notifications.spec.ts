import { test, expect } from '../fixtures.ts'
import { NotificationsPage } from '../pages/notifications-page.ts'
import { BackupsPage } from '../pages/backups-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { coreCallsSent, rpc } from '../support/rpc.ts'

let connected: ConnectedEmulator

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  connected = await connectEmulator(request, 'Notifications e2e')
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await disconnectEmulator(request, connected)
  await request.dispose()
})

test("the bell shows the core's unread count, read as a count: no screen but the centre reads the entries", async ({ page, request }) => {
  const sent = coreCallsSent(page)
  await new FleetPage(page).open()
  const { unread } = await rpc(request, 'notification/unread-count', {})
  expect(unread).toBeGreaterThan(0)
  await expect(page.getByRole('banner').getByRole('link', { name: `Notifications, ${unread} unread` })).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(sent.filter((call) => call === 'notification/list')).toEqual([])
})

test('lists notices, marks one and then all read, and filters unread', async ({ page }) => {
  const centre = new NotificationsPage(page)
  await centre.open()
  await expect(centre.items.first()).toBeVisible()
  const unreadBefore = await centre.unread.count()
  expect(unreadBefore).toBeGreaterThan(0)

  await centre.items.first().getByRole('button', { name: /^Mark read:/ }).click()
  await expect(centre.unread).toHaveCount(unreadBefore - 1)

  await centre.unreadOnly.check()
  await expect(centre.items).toHaveCount(unreadBefore - 1)
  await centre.markAllRead.click()
  await expect(page.getByText('No unread notifications')).toBeVisible()
  // The bell's count follows: nothing unread, no number.
  await expect(page.getByRole('banner').getByRole('link', { name: 'Notifications', exact: true })).toBeVisible()
  await centre.unreadOnly.uncheck()
  await expect(centre.items.first()).toBeVisible()
  await expect(page.getByText('Everything is read.')).toBeVisible()
})

test('a notice links to its cluster details and to its backup on the Backups screen', async ({ page }) => {
  const centre = new NotificationsPage(page)
  await centre.open()
  const clusterLink = centre.list.getByRole('link', { name: /^Open cluster / }).first()
  const linkName = (await clusterLink.textContent())?.trim() ?? ''
  const clusterName = linkName.replace(/^Open cluster /, '')
  await clusterLink.click()
  await expect(page).toHaveURL(/#\/fleet\?cluster=/)
  await expect(page.getByRole('heading', { level: 1, name: clusterName })).toBeVisible()

  await centre.open()
  const aboutBackup = centre.items.filter({ has: page.getByRole('link', { name: /^Show backup: / }) }).first()
  const title = (await aboutBackup.locator('.title').textContent())?.trim() ?? ''
  const backupLink = aboutBackup.getByRole('link', { name: `Show backup: ${title}` })
  // The link names the notice's connection too (lib/backup-href.ts), the active one here.
  const params = new URLSearchParams(new URL(await backupLink.evaluate((a) => (a as HTMLAnchorElement).href)).hash.split('?')[1])
  const backupId = params.get('search') ?? ''
  expect(backupId).not.toBe('')
  await backupLink.click()
  const backupsPage = new BackupsPage(page)
  await expect(backupsPage.search).toHaveValue(backupId)
  await expect(backupsPage.count).toHaveText('1 backup')
})
