import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

test.afterAll(async ({ request }) => {
  const connections = await rpc(request, 'connection/list', {})
  for (const demo of connections.filter((c) => c.name === 'Demo organization (emulator)')) {
    await rpc(request, 'connection/remove', { id: demo.id, drafts: 'delete' })
  }
})

test('an empty Fleet offers a connection or the demo, and the demo really starts and fills the Fleet', async ({ page, request }) => {
  expect(await rpc(request, 'connection/list', {})).toEqual([])
  const fleet = new FleetPage(page)
  await fleet.open()
  const empty = page.getByTestId('empty-state')
  await expect(empty).toContainText('No clusters yet')
  await expect(empty.getByRole('link', { name: 'Add a connection' })).toHaveAttribute('href', '#/settings?add=connection')
  await page.screenshot({ path: screenshotPath('fleet-empty.png') })
  // "Add a connection" opens Settings with the add form open and its first field focused.
  await empty.getByRole('link', { name: 'Add a connection' }).click()
  await expect(page.getByRole('form', { name: 'Add a connection' }).getByLabel('Name')).toBeFocused()
  await page.goBack()
  const demo = empty.getByRole('button', { name: 'Try the demo organization' })
  await demo.focus()
  await page.keyboard.press('Enter')
  await expect(fleet.row('orders-prod')).toBeVisible({ timeout: 20_000 })
  await expect(fleet.project('Production')).toBeVisible()
  const connections = await rpc(request, 'connection/list', {})
  expect(connections).toEqual([expect.objectContaining({ name: 'Demo organization (emulator)', isActive: true })])
})
