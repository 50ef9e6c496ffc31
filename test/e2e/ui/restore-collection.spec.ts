import { test, expect } from '../fixtures.ts'
import { BackupsPage } from '../pages/backups-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Restore collection e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test('restores a collection picked from the backup into a running Dedicated cluster picked from the fleet, by keyboard', async ({ page, request }) => {
  const connectionId = demo?.connectionId ?? ''
  const [backup] = (await rpc(request, 'backup/list', { connectionId, status: 'AVAILABLE', backupType: 'CLUSTER', limit: 1 })).items
  if (backup === undefined) throw new Error('the demo organization has no available cluster backup')
  const collections = await rpc(request, 'backup/collections', { clusterId: backup.clusterId, backupId: backup.backupId, connectionId })
  const [first] = collections
  if (first === undefined) throw new Error('the backup holds no collection')
  const targets = (await rpc(request, 'cluster/list', { connectionId })).filter((c) => c.deployment === 'Dedicated' && c.status === 'RUNNING')

  const backups = new BackupsPage(page)
  await backups.open()
  await backups.search.fill(backup.backupName)
  await backups.expectEveryRowToShow(backup.backupName)
  await backups.chooseAction(backup.backupName, 'Restore collection…')
  const dialog = page.getByRole('dialog', { name: 'Restore collection' })

  // The collections are the backup's own; the destinations the organization's running Dedicated clusters.
  const picker = dialog.getByLabel('Collection in the backup')
  await expect(picker.locator('option:not([disabled])')).toHaveText(collections.map((c) => `${c.collectionName}${c.status === null ? '' : ` (${c.status})`}`))
  const destination = dialog.getByLabel('Destination cluster')
  await expect(destination.locator('option')).toHaveCount(targets.length)
  await expect(destination).toHaveValue(backup.clusterId)

  // Submitting with nothing picked says what is missing and sends nothing.
  await dialog.getByRole('button', { name: 'Restore collection' }).click()
  await expect(dialog.getByText('Choose the collection to restore.')).toBeVisible()

  await picker.focus()
  await picker.selectOption({ label: `${first.collectionName}${first.status === null ? '' : ` (${first.status})`}` })
  const destName = dialog.getByLabel('Destination collection')
  await expect(destName).toHaveValue(`${first.collectionName}_restored`)
  await destName.focus()
  await page.keyboard.press('Enter')

  await expect(dialog).toBeHidden()
  await expect(page.getByText('Collection restore started')).toBeVisible()
  await expect
    .poll(async () => (await rpc(request, 'job/list', { connectionId })).some((j) => j.action === 'restore-collection' && j.backupId === backup.backupId))
    .toBe(true)
})
