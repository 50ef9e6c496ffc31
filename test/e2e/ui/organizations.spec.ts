import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator
let other: ConnectedEmulator

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  other = await connectEmulator(request, 'Other org e2e', 'large:4:2')
  demo = await connectEmulator(request, 'Demo org e2e')
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await disconnectEmulator(request, demo)
  await disconnectEmulator(request, other)
  await request.dispose()
})

test('the top bar switches organization by keyboard (Alt+O), each with its health, and the screens follow', async ({ page, request }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.clusterLink('orders-prod')).toBeVisible()
  const trigger = page.getByRole('button', { name: /^Organization: Demo org e2e, health \w+\. Switch organization$/ })
  await expect(trigger).toBeVisible()

  await page.keyboard.press('Alt+O')
  const menu = page.getByRole('menu', { name: 'Organizations' })
  await expect(menu).toBeVisible()
  const current = menu.getByRole('menuitemradio', { name: /Demo org e2e/ })
  await expect(current).toBeFocused()
  await expect(current).toHaveAttribute('aria-checked', 'true')
  const statuses = await rpc(request, 'sync/status', {})
  const otherHealth = statuses.find((s) => s.connectionId === other.connectionId)?.health ?? 'unknown'
  const otherItem = menu.getByRole('menuitemradio', { name: /Other org e2e/ })
  await expect(otherItem).toContainText(new RegExp(otherHealth, 'i'))

  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(trigger).toBeFocused()

  await page.keyboard.press('Enter')
  await page.keyboard.press('ArrowDown')
  await expect(otherItem).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: /^Organization: Other org e2e/ })).toBeVisible()
  await expect(fleet.clusterLink('orders-prod')).toHaveCount(0)
  const active = (await rpc(request, 'connection/list', {})).find((c) => c.isActive)
  expect(active?.id).toBe(other.connectionId)
})

test('the shortcuts dialog lists the organization switcher', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.heading.waitFor()
  await page.keyboard.press('Shift+?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Switch organization')
})
