import { test, expect } from '../fixtures.ts'
import { BackupsPage } from '../pages/backups-page.ts'
import { PolicyEditorPage } from '../pages/policy-editor-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator, setRemotePolicy } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Work in progress e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test('a new manual backup shows at once as creating with its progress, and Jobs names it by backup and cluster', async ({ page }) => {
  const backups = new BackupsPage(page)
  await backups.open()
  await expect(backups.rows().first()).toBeVisible()
  await page.getByRole('button', { name: 'Create backup…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create backup' })
  await dialog.getByLabel('Cluster', { exact: true }).selectOption({ label: 'analytics-staging (Staging)' })
  await dialog.getByRole('button', { name: 'Create backup' }).click()
  await expect(dialog).toBeHidden()

  // No sync has run since: the row comes from the create answer, not from a refreshed list.
  const created = demo!.emulator.state().backups.filter((b) => b.clusterName === 'analytics-staging' && b.creationMethod === 'MANUAL').at(-1)
  expect(created).toBeDefined()
  await backups.search.fill(created!.backupName)
  const row = backups.row(created!.backupName)
  await expect(row).toContainText('creating')
  await expect(row.getByRole('progressbar', { name: `Creating ${created!.backupName}` })).toBeVisible()

  await page.getByRole('button', { name: /^Jobs/ }).click()
  const job = page.getByRole('region', { name: 'Jobs' }).getByTestId('job').first()
  await expect(job).toContainText(`Create backup ${created!.backupName} of analytics-staging`)
})

test("the cluster page's recent backups refresh after a sync, without reloading the page", async ({ page, request }) => {
  const orders = await clusterByName(request, 'orders-prod')
  await page.goto(`/?token=e2e-session-token#/fleet?cluster=${encodeURIComponent(orders.clusterId)}`)
  const recent = page.getByRole('region', { name: 'Recent backups' })
  await expect(recent.getByRole('listitem').first()).toBeVisible()

  // A colleague makes a backup in the console; the next sync brings it in.
  const response = await fetch(`${demo!.emulator.url}/v2/clusters/${orders.clusterId}/backups/create`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo!.emulator.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ backupType: 'CLUSTER' })
  })
  const made = ((await response.json()) as { data: { backupId: string } }).data
  const name = demo!.emulator.state().backups.find((b) => b.backupId === made.backupId)?.backupName ?? ''
  expect(name).not.toBe('')
  await expect(recent).not.toContainText(name)
  await rpc(request, 'sync/run', { connectionId: demo!.connectionId })
  await expect(recent).toContainText(name)
})

test('enabling a policy in the editor shows the backup it starts: in Jobs as "First backup of …" and in the recent backups as creating', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  // Any automatic backup of an earlier run has finished (Zilliz starts none while one runs); then a colleague turns
  // the policy off in the console, and the app has synced that.
  demo!.emulator.advance(5 * 60_000)
  await setRemotePolicy(demo!.emulator, search.clusterId, { enabled: false })
  await rpc(request, 'sync/run', { connectionId: demo!.connectionId })
  const before = new Set(demo!.emulator.state().backups.filter((b) => b.clusterId === search.clusterId).map((b) => b.backupId))

  const editor = new PolicyEditorPage(page)
  await editor.open(search.clusterId)
  await expect(editor.enabled).not.toBeChecked()
  await editor.enabled.click()
  await editor.weekday('Monday').click()
  await editor.applyNow.click()
  await expect(editor.outcome).toContainText('Applied: Zilliz Cloud confirmed the new policy.')

  const started = demo!.emulator.state().backups.filter((b) => b.clusterId === search.clusterId && !before.has(b.backupId))
  expect(started.map((b) => [b.creationMethod, b.status])).toEqual([['AUTO', 'CREATING']])
  const name = started[0]!.backupName
  // No sync since the push: the recent backups show what the tracking read.
  const recent = page.getByRole('region', { name: 'Recent backups' }).getByRole('listitem').filter({ hasText: name })
  await expect(recent).toContainText('AUTO · CLUSTER · CREATING')
  // The policy is on: health is no longer "Warning: automatic backups are off" — OK when the newest good backup is
  // recent enough for the new schedule, else the neutral "Pending" of a first backup on its way, never "Failing".
  await expect(page.getByText(/^Health: (OK|Pending)\b/)).toBeVisible()

  await page.getByRole('button', { name: /^Jobs/ }).click()
  const job = page.getByRole('region', { name: 'Jobs' }).getByTestId('job').filter({ hasText: 'First backup of search-prod' }).filter({ hasText: name })
  await expect(job).toContainText('in progress')
  await expect(job.getByRole('progressbar', { name: 'First backup of search-prod progress' })).toBeVisible()
  await expect(job).not.toContainText('0%')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.getByRole('region', { name: 'Jobs' }).screenshot({ path: screenshotPath(`jobs-first-backup-${scheme}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })

  // The Backups page lists it creating too, with a bar that claims no percentage Zilliz did not report.
  const backups = new BackupsPage(page)
  await backups.open()
  await backups.search.fill(name)
  const row = backups.row(name)
  await expect(row).toContainText('creating')
  await expect(row.getByRole('progressbar', { name: `Creating ${name}` })).not.toHaveAttribute('value')
  await expect(row).not.toContainText('0%')
})
