import { test, expect } from '../fixtures.ts'
import { DraftsPage } from '../pages/drafts-page.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { SettingsPage } from '../pages/settings-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

// Keyboard only, the focus never drops to the page body when the control that had it goes (removed, or disabled
// while it works): src-renderer/lib/ui/focus-keeper.ts. A walk of the demo by keyboard lost it on each of these.
let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Focus e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test("Enter on a cluster's name opens its details with focus on the cluster's heading, and Back returns it to the Fleet's", async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.clusterLink('orders-prod').focus()
  await page.keyboard.press('Enter')
  const title = page.getByRole('heading', { level: 1, name: 'orders-prod' })
  await expect(title).toBeFocused()

  await page.getByRole('link', { name: '← All clusters' }).focus()
  await page.keyboard.press('Enter')
  await expect(fleet.heading).toBeFocused()
  // The heading is a landing place, not a stop on the Tab path: the next Tab goes on to a control.
  await page.keyboard.press('Tab')
  await expect(fleet.heading).not.toBeFocused()
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY')
})

test("a section's shortcut pressed on a control of the screen lands focus on the new section's heading", async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.clusterLink('orders-prod').focus()
  await page.keyboard.press('Alt+3')
  await expect(page.getByRole('heading', { level: 1, name: 'Drafts' })).toBeFocused()
})

test('Add connection puts focus in its Name field, and Test connection keeps focus on itself once answered', async ({ page }) => {
  const settings = new SettingsPage(page)
  await settings.open()
  await settings.addButton.focus()
  await page.keyboard.press('Enter')
  await expect(settings.name).toBeFocused()
  await page.keyboard.type('Focus test org')
  await settings.region.selectOption('custom')
  await settings.baseUrl.fill(demo!.emulator.url)
  await settings.apiKey.fill(demo!.emulator.apiKey)
  // Slow answers keep the button disabled for a few frames, as a real network does.
  demo!.emulator.injectFault({ path: '/v2/', kind: 'latency', ms: 300, times: 4 })
  await settings.testButton.focus()
  await page.keyboard.press('Enter')
  await expect(settings.testButton).toBeDisabled()
  await expect(page.getByRole('form', { name: 'Add a connection' }).getByRole('status')).toContainText('Connected: 2 projects')
  await expect(settings.testButton).toBeFocused()

  await page.getByRole('button', { name: 'Cancel' }).focus()
  await page.keyboard.press('Enter')
  await expect(settings.addButton).toBeFocused()
})

test('Escape in the Add connection form closes it unsaved, with focus back on Add connection', async ({ page }) => {
  const settings = new SettingsPage(page)
  await settings.open()
  const saved = settings.connections.getByRole('listitem')
  await expect(saved.first()).toBeVisible()
  const before = await saved.count()
  await settings.addButton.focus()
  await page.keyboard.press('Enter')
  await expect(settings.name).toBeFocused()
  await page.keyboard.type('Escaped org')
  await settings.apiKey.focus()
  await page.keyboard.type('a-key-never-saved')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('form', { name: 'Add a connection' })).toHaveCount(0)
  await expect(settings.addButton).toBeFocused()
  await expect(saved).toHaveCount(before)
  await expect(settings.connections).not.toContainText('Escaped org')
})

test('pushing a draft by keyboard lands focus on the Drafts heading, not the page body', async ({ page, request }) => {
  const features = await clusterByName(request, 'ml-features')
  await rpc(request, 'draft/save', { clusterId: features.clusterId, connectionId: features.connectionId, policy: { enabled: true, frequency: '7', startTime: '04:00-06:00', retentionDays: 21 } })
  const drafts = new DraftsPage(page)
  await drafts.open()
  await drafts.push('ml-features').focus()
  await page.keyboard.press('Enter')
  await expect(drafts.state('ml-features')).toContainText('Synced')
  await expect(drafts.heading).toBeFocused()
})
