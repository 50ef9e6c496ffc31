import { test, expect } from '../fixtures.ts'
import { NotificationsPage } from '../pages/notifications-page.ts'
import { connectEmulator, type ConnectedEmulator } from '../pages/settings-page.ts'

let connected: ConnectedEmulator

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  connected = await connectEmulator(request, 'Notifications e2e')
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await connected.close(request)
  await request.dispose()
})

test('lists notices, marks one and then all read, and filters unread', async ({ page }) => {
  const centre = new NotificationsPage(page)
  await centre.open()
  await expect(centre.items.first()).toBeVisible()
  const unreadBefore = await centre.items.filter({ hasText: 'New' }).count()
  expect(unreadBefore).toBeGreaterThan(0)

  await centre.items.first().getByRole('button', { name: /^Mark read:/ }).click()
  await expect(centre.items.filter({ hasText: 'New' })).toHaveCount(unreadBefore - 1)

  await centre.unreadOnly.check()
  await expect(centre.items).toHaveCount(unreadBefore - 1)
  await centre.markAllRead.click()
  await expect(page.getByText('No unread notifications')).toBeVisible()
  await centre.unreadOnly.uncheck()
  await expect(centre.items.first()).toBeVisible()
  await expect(page.getByText('Everything is read.')).toBeVisible()
})
