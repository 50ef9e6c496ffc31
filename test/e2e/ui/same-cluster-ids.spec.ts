import type { Locator } from '@playwright/test'
import type { RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { BackupsPage } from '../pages/backups-page.ts'
import { TemplatesPage } from '../pages/templates-page.ts'
import { TimelinePage } from '../pages/timeline-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

/*
 * One organization added twice (a read-only and an admin key): two demo emulators list the same cluster and backup
 * ids. The second connection is the active one, so the Backups screen shows its rows; what is done from them must
 * reach its emulator only (core/fleet/find-cluster.ts).
 */
let a: ConnectedEmulator | undefined
let b: ConnectedEmulator | undefined

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  a = await connectEmulator(request, 'Same org e2e (read-only key)')
  b = await connectEmulator(request, 'Same org e2e (admin key)')
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await disconnectEmulator(request, b)
  await disconnectEmulator(request, a)
  await request.dispose()
})

/** The name of the cluster a backup of `emulator` belongs to. */
function cluster(emulator: RunningEmulator, backupId: string): string | undefined {
  return emulator.state().backups.find((x) => x.backupId === backupId)?.clusterName
}

function emulators(): { first: RunningEmulator; second: RunningEmulator } {
  if (a === undefined || b === undefined) throw new Error('the two connections were not set up')
  return { first: a.emulator, second: b.emulator }
}

test("a backup created from the second connection's Backups screen is made in its organization, not the first's", async ({ page }) => {
  const { first, second } = emulators()
  const cluster = second.state().clusters.find((c) => c.clusterName === 'ml-features')
  expect(cluster).toBeDefined()
  expect(first.state().clusters.map((c) => c.clusterId)).toContain(cluster!.clusterId)
  const manual = (emulator: RunningEmulator): number =>
    emulator.state().backups.filter((x) => x.clusterId === cluster!.clusterId && x.creationMethod === 'MANUAL').length
  const [firstBefore, secondBefore] = [manual(first), manual(second)]

  const backups = new BackupsPage(page)
  await backups.open()
  await page.getByRole('button', { name: 'Create backup…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create backup' })
  await dialog.getByLabel('Cluster', { exact: true }).selectOption({ label: 'ml-features (Staging)' })
  await dialog.getByRole('button', { name: 'Create backup' }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => manual(second)).toBe(secondBefore + 1)
  expect(manual(first)).toBe(firstBefore)
})

test("a backup deleted from the second connection's row is deleted in its organization only; the first still has it", async ({ page }) => {
  const { first, second } = emulators()
  const backups = new BackupsPage(page)
  await backups.open()
  await page.getByLabel('Status').selectOption('AVAILABLE')
  await backups.method.selectOption('MANUAL')
  await backups.expectEveryRowToShow('available', 'Manual')
  const name = await backups.firstBackupName()
  const backupId = second.state().backups.find((x) => x.backupName === name && x.status === 'AVAILABLE')?.backupId
  expect(backupId).toBeDefined()
  const statusIn = (emulator: RunningEmulator): string | undefined => emulator.state().backups.find((x) => x.backupId === backupId)?.status
  expect(statusIn(first)).toBe('AVAILABLE')
  await backups.search.fill(name)
  await expect(backups.rows()).toHaveCount(1)

  await backups.chooseAction(name, 'Delete…')
  const confirm = page.getByRole('alertdialog', { name: 'Delete backup' })
  // Two organizations list this cluster by the same name: the confirmation says which one loses the backup.
  await expect(confirm).toContainText(`Delete backup ${name} of cluster ${cluster(second, backupId!)} in Same org e2e (admin key) (`)
  await confirm.getByRole('button', { name: 'Delete backup' }).click()
  await expect(backups.row(name)).toHaveCount(0, { timeout: 15_000 })
  expect(statusIn(second)).toBe('DELETED')
  expect(statusIn(first)).toBe('AVAILABLE')
})

test("the Timeline's two lanes of one cluster id link each to its own connection's cluster, and the list's links to the active connection's", async ({ page }) => {
  const connections = [a!.connectionId, b!.connectionId].sort()
  const connectionsOf = (links: Locator) => async (): Promise<string[]> =>
    (await links.evaluateAll((els) => els.map((el) => new URLSearchParams(el.getAttribute('href')?.split('?')[1]).get('connection') ?? ''))).sort()
  const timeline = new TimelinePage(page)
  await timeline.open()
  await expect.poll(connectionsOf(timeline.lanes.getByRole('link', { name: /^ml-features:/ }))).toEqual(connections)
  // The list shows the active (second) organization by default.
  await timeline.openList()
  const entries = page.getByTestId('timeline-entry').getByRole('link', { name: 'ml-features' })
  await expect.poll(async () => [...new Set(await connectionsOf(entries)())]).toEqual([b!.connectionId])
})

// Last in the file with the one below: each makes the first connection the active one.
test('a cluster link naming the first connection never opens the second\'s cluster of that id: the Fleet offers to switch, then opens it', async ({ page, request }) => {
  const { first } = emulators()
  const orders = first.state().clusters.find((c) => c.clusterName === 'orders-prod')
  expect(orders).toBeDefined()
  const policy = { enabled: true, frequency: '1,2,3,4,5', startTime: '01:00-03:00', retentionDays: 9 }
  const template = await rpc(request, 'template/save', { name: 'same-ids-e2e', policy })
  try {
    await rpc(request, 'template/assign', { templateId: template.id, clusterIds: [orders!.clusterId], connectionId: a!.connectionId })
    const templates = new TemplatesPage(page)
    await templates.open()
    await templates.card('same-ids-e2e').getByRole('link', { name: 'orders-prod' }).click()
    await expect(page.getByText('This cluster is in Same org e2e (read-only key)')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'orders-prod' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Switch to Same org e2e (read-only key)' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'orders-prod' })).toBeVisible()
    await expect(page.getByRole('button', { name: /^Organization: Same org e2e \(read-only key\)/ })).toBeVisible()
  } finally {
    await rpc(request, 'template/delete', { id: template.id })
  }
})

test("a notice's Show backup link names its connection: Backups offers to switch to the first connection, then shows that backup", async ({ page, request }) => {
  const { first } = emulators()
  const firstName = 'Same org e2e (read-only key)'
  await rpc(request, 'connection/activate', { id: b!.connectionId })
  await page.goto('/?token=e2e-session-token#/notifications')
  await page.getByRole('radio', { name: 'All organizations' }).check()
  // An expiring backup is still listed (an expired one is not); both organizations have such a notice, the same ids.
  const notice = page
    .getByTestId('notification')
    .filter({ hasText: 'Expiring backup' })
    .filter({ has: page.getByTestId('notice-organization').filter({ hasText: firstName }) })
    .first()
  const link = notice.getByRole('link', { name: /^Show backup:/ })
  const params = new URLSearchParams((await link.getAttribute('href'))?.split('?')[1])
  expect(params.get('connection')).toBe(a!.connectionId)
  const backupName = first.state().backups.find((x) => x.backupId === params.get('search'))?.backupName
  expect(backupName).toBeDefined()

  await link.click()
  await expect(page.getByText(`This backup is in ${firstName}`)).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Backup in another organization' })).toBeVisible()
  await page.getByRole('button', { name: `Switch to ${firstName}` }).click()
  await expect(page.getByRole('button', { name: /^Organization: Same org e2e \(read-only key\)/ })).toBeVisible()
  const backups = new BackupsPage(page)
  await expect(backups.row(backupName!)).toBeVisible()
  await expect(backups.rows()).toHaveCount(1)
})

test("a backup address naming the inactive connection offers the way back to the active one's whole list", async ({ page, request }) => {
  await rpc(request, 'connection/activate', { id: a!.connectionId })
  const backupId = emulators().second.state().backups.find((x) => x.status === 'AVAILABLE')?.backupId
  await page.goto(`/?token=e2e-session-token#/backups?search=${backupId!}&connection=${b!.connectionId}`)
  await page.getByRole('button', { name: 'Show the backups of Same org e2e (read-only key)' }).click()
  const backups = new BackupsPage(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible()
  await expect(backups.search).toHaveValue('')
  await expect.poll(() => backups.rows().count()).toBeGreaterThan(1)
  expect(page.url()).not.toContain('connection=')
})
