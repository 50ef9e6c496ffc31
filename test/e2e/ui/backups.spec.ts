import { E2E_TOKEN, test, expect } from '../fixtures.ts'
import { BackupsPage } from '../pages/backups-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { rpc } from '../support/rpc.ts'

let connected: ConnectedEmulator

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  connected = await connectEmulator(request, 'Backups e2e')
  await request.dispose()
})

test.afterAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await disconnectEmulator(request, connected)
  await request.dispose()
})

test('lists the cached backups in an accessible, windowed table', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await expect(backups.rows().first()).toBeVisible()
  const rowCount = Number(await backups.table.getAttribute('aria-rowcount'))
  expect(rowCount).toBeGreaterThan(10)
  await expect(backups.count).toHaveText(`${(rowCount - 1).toLocaleString('en-US')} backups`)
  await expect(backups.table.getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'descending')
  await backups.table.getByRole('button', { name: 'Name' }).click()
  await expect(backups.table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending')
})

test('while the first page is on its way the filters and the table are drawn and say it is loading, with no row', async ({ page }) => {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/rpc/backup/list', async (route) => {
    await released
    await route.continue()
  })
  const backups = new BackupsPage(page)
  await backups.open()
  const loading = page.getByRole('status').filter({ hasText: 'Loading backups…' })
  await expect(loading).toBeVisible()
  await expect(backups.table).toHaveAttribute('aria-busy', 'true')
  await expect(backups.search).toBeVisible()
  await expect(backups.rows()).toHaveCount(0)
  await expect(backups.count).toHaveText('')
  release()
  await expect(backups.rows().first()).toBeVisible()
  await expect(loading).toHaveCount(0)
  await expect(backups.table).toHaveAttribute('aria-busy', 'false')
  await expect(backups.count).toHaveText(/^[\d,]+ backups$/)
})

test('filters by search and method, and "/" focuses the search box', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await expect(backups.rows().first()).toBeVisible()
  await page.locator('body').click()
  await page.keyboard.press('/')
  await expect(backups.search).toBeFocused()
  await backups.search.fill('orders-prod')
  await expect(backups.rows().first()).toContainText('orders-prod')
  for (const name of await backups.rows().getByRole('cell').nth(1).allTextContents()) expect(name).toContain('orders-prod')
  await backups.method.selectOption('MANUAL')
  await expect(backups.rows().first()).toContainText('Manual')
  await backups.search.fill('no-such-backup-anywhere')
  await expect(page.getByText('No backups match these filters')).toBeVisible()
})

test('a new search starts at the first row, also when the list was scrolled down', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  const firstRow = backups.table.locator('[aria-rowindex="2"]')
  await expect(firstRow).toBeVisible()
  await backups.table.evaluate((table) => table.scrollTo({ top: table.scrollHeight }))
  // Windowed: the first row has left the DOM once the table has drawn the rows scrolled to.
  await expect(firstRow).toHaveCount(0)
  await backups.search.fill('prod')
  await expect(firstRow).toContainText('prod')
  expect(await backups.table.evaluate((table) => table.scrollTop)).toBe(0)
})

test('narrows to a project, then to one of its clusters: the cluster choices follow the project', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await expect(backups.rows().first()).toBeVisible()
  const project = page.getByLabel('Project', { exact: true })
  const cluster = page.getByLabel('Cluster', { exact: true })
  // As a user does: the filter is focused (a click, a Tab) before it is chosen from; that asks for its choices.
  await project.focus()
  await project.selectOption({ label: 'Staging' })
  await expect(cluster.locator('option')).toHaveText(['All clusters', 'analytics-staging', 'catalog-staging', 'ml-features', 'sandbox-free'])
  await cluster.selectOption({ label: 'analytics-staging' })
  await backups.expectEveryRowToShow('analytics-staging')
  // Another project: the chosen cluster is not one of its own, so the cluster filter clears.
  await project.selectOption({ label: 'Production' })
  await expect(cluster).toHaveValue('')
  await expect(cluster.locator('option')).toHaveText(['All clusters', 'events-serverless', 'orders-prod', 'search-prod'])
  await expect.poll(async () => (await backups.rows().allTextContents()).some((row) => row.includes('orders-prod'))).toBe(true)
  expect((await backups.rows().allTextContents()).some((row) => row.includes('staging'))).toBe(false)
})

test('a visit and a search never ask for the filter choices; pointing at a filter does, and it lists them', async ({ page }) => {
  const asked: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc/backup/filter-options')) asked.push(request.url())
  })
  const backups = new BackupsPage(page)
  await backups.open()
  await backups.search.fill('prod')
  await backups.expectEveryRowToShow('prod')
  // Past the idle moments after the rows' frames, when the choices used to be read.
  for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise((done) => requestIdleCallback(() => requestAnimationFrame(() => done(null)))))
  expect(asked).toEqual([])
  const cluster = page.getByLabel('Cluster', { exact: true })
  await cluster.hover()
  await expect(cluster.locator('option')).toContainText(['All clusters', 'analytics-staging', 'orders-prod'])
  await expect(cluster.getByRole('option', { name: 'Loading…' })).toHaveCount(0)
  expect(asked).toHaveLength(1)
})

test("a cluster's link lands with the cluster filter showing that cluster's name", async ({ page, request }) => {
  const orders = (await rpc(request, 'cluster/list', { connectionId: connected.connectionId })).find((c) => c.clusterName === 'orders-prod')
  if (orders === undefined) throw new Error('orders-prod is not in the emulator')
  await page.goto(`/?token=${E2E_TOKEN}#/backups?cluster=${orders.clusterId}`)
  const cluster = page.getByLabel('Cluster', { exact: true })
  await expect(cluster).toHaveValue(orders.clusterId)
  await expect(cluster.locator('option:checked')).toHaveText('orders-prod')
})

test('deleting asks first: cancel keeps the backup, confirm removes it', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await page.getByLabel('Status').selectOption('AVAILABLE')
  await backups.method.selectOption('MANUAL')
  await backups.expectEveryRowToShow('available', 'Manual')
  const name = await backups.firstBackupName()
  await backups.search.fill(name)
  await expect(backups.rows()).toHaveCount(1)

  await backups.chooseAction(name, 'Delete…')
  const dialog = page.getByRole('alertdialog', { name: 'Delete backup' })
  await expect(dialog).toContainText(`Delete backup ${name} of cluster`)
  await expect(dialog).toContainText('This cannot be undone.')
  await expect(dialog).toContainText('manual backups are kept until deleted')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(backups.row(name)).toBeVisible()

  await backups.chooseAction(name, 'Delete…')
  await page.getByRole('alertdialog', { name: 'Delete backup' }).getByRole('button', { name: 'Delete backup' }).click()
  await expect(backups.row(name)).toHaveCount(0, { timeout: 15_000 })
})

test('restoring a cluster refuses a bad name, then shows the new password once', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await page.getByLabel('Status').selectOption('AVAILABLE')
  await page.getByLabel('Type').selectOption('CLUSTER')
  await backups.expectEveryRowToShow('available', 'Cluster')
  const name = await backups.firstBackupName()
  await backups.chooseAction(name, 'Restore cluster…')
  const dialog = page.getByRole('dialog', { name: 'Restore cluster' })
  await dialog.getByLabel('New cluster name').fill('bad name!')
  await dialog.getByRole('button', { name: 'Restore to new cluster' }).click()
  await expect(dialog.getByText('Use letters, digits and hyphens only')).toBeVisible()
  await expect(dialog.getByLabel('New cluster name')).toHaveAttribute('aria-invalid', 'true')

  await dialog.getByLabel('New cluster name').fill('restored-e2e')
  await dialog.getByRole('button', { name: 'Restore to new cluster' }).click()
  const password = page.getByRole('alertdialog', { name: 'Restore started' })
  await expect(password).toContainText('shown only once and is not stored')
  await expect(password.getByTestId('new-cluster-password')).not.toBeEmpty()
  await password.getByRole('button', { name: 'I have saved the password' }).click()
  await page.getByRole('button', { name: 'Jobs' }).click()
  await expect(page.getByRole('region', { name: 'Jobs' }).getByTestId('job').first()).toContainText('Restore cluster')
})

test('creates a manual backup: the job is tracked, and a second one for the same cluster is refused with the reason', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  const cluster = connected.emulator.state().clusters.find((c) => c.clusterName === 'analytics-staging')
  expect(cluster).toBeDefined()
  const manualBefore = () => connected.emulator.state().backups.filter((b) => b.clusterId === cluster!.clusterId && b.creationMethod === 'MANUAL').length
  const before = manualBefore()

  await page.getByRole('button', { name: 'Create backup…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create backup' })
  await dialog.getByLabel('Cluster', { exact: true }).selectOption({ label: 'analytics-staging (Staging)' })
  await expect(dialog).toContainText('Manual backups are kept until you delete them')
  await dialog.getByRole('button', { name: 'Create backup' }).click()
  await expect(dialog).toBeHidden()
  expect(manualBefore()).toBe(before + 1)
  await page.getByRole('button', { name: 'Jobs' }).click()
  await expect(page.getByRole('region', { name: 'Jobs' }).getByTestId('job').filter({ hasText: 'Create backup' }).first()).toBeVisible()
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Create backup…' }).click()
  await dialog.getByLabel('Cluster', { exact: true }).selectOption({ label: 'analytics-staging (Staging)' })
  await dialog.getByRole('button', { name: 'Create backup' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Failed to create backup')
  expect(manualBefore()).toBe(before + 1)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
})

test("the Jobs panel keeps a job's status badge one line high beside a title on two lines", async ({ page, request }) => {
  const ml = connected.emulator.state().clusters.find((c) => c.clusterName === 'ml-features')
  await rpc(request, 'backup/create', { clusterId: ml!.clusterId, connectionId: connected.connectionId })
  const backups = new BackupsPage(page)
  await backups.open()
  await page.keyboard.press('Alt+J')
  const job = page.getByRole('region', { name: 'Jobs' }).getByTestId('job').filter({ hasText: 'Create backup ml-features' }).first()
  const title = job.getByRole('strong')
  const badge = job.getByText(/^(pending|in progress|successful)$/)
  await expect(badge).toBeVisible()
  const [titleBox, badgeBox] = [await title.boundingBox(), await badge.boundingBox()]
  // The title wraps in the panel's width; the badge was stretched to its height, a tall oval.
  expect(titleBox!.height).toBeGreaterThan(30)
  expect(badgeBox!.height).toBeLessThan(24)
})

test('lists the keyboard shortcuts with "?" and closes with Escape', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await page.locator('body').click()
  await page.keyboard.press('Shift+?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toContainText('Sync now')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
