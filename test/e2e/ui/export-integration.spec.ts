import { test, expect } from '../fixtures.ts'
import { BackupsPage } from '../pages/backups-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Export integration e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

const exportCalls = (): number =>
  Object.entries(demo!.emulator.requestCounts())
    .filter(([endpoint]) => endpoint.endsWith('/export'))
    .reduce((sum, [, count]) => sum + count, 0)

test('the export dialog refuses an integration id that is not integ-… inline and sends nothing', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  // An available backup: the demo's newest is at some hours of the day one still CREATING, which cannot be exported.
  await page.getByLabel('Status').selectOption('AVAILABLE')
  await backups.expectEveryRowToShow('available')
  const name = await backups.firstBackupName()
  await backups.chooseAction(name, 'Export…')
  const field = page.getByLabel('Storage integration ID')
  await field.fill('my-s3-bucket')
  await page.getByRole('button', { name: 'Export backup' }).click()
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(/An integration ID looks like integ-xxxxx/)
  expect(exportCalls()).toBe(0)
  await field.fill('integ-4a7f')
  await expect(field).toHaveAttribute('aria-invalid', 'false')
})

test('backup/export refuses a malformed integration id as input/invalid naming the field', async ({ request }) => {
  const search = await clusterByName(request, 'search-prod')
  const call = rpc(request, 'backup/export', { clusterId: search.clusterId, connectionId: search.connectionId, backupId: 'backup1_x', integrationId: 'my-s3-bucket' })
  await expect(call).rejects.toThrow(/input\/invalid.*integrationId/)
  expect(exportCalls()).toBe(0)
})
