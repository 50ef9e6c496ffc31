import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { SettingsPage } from '../pages/settings-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator, setRemotePolicy } from '../support/emulator-connection.ts'
import { rpc, syncWhenIdle } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Protection e2e')
})

test.afterAll(async ({ request }) => {
  // The host is shared by every spec: leave the protection settings as they were found (the defaults).
  await rpc(request, 'protection-settings/update', { historyRetentionDays: 400, lintRulesOff: [] })
  await rpc(request, 'settings/update', { expiringLeadHours: 24 })
  await disconnectEmulator(request, demo)
})

test('Settings → Protection validates the history retention and switches a lint rule off in the editor', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  const lint = page.getByTestId('policy-lint')
  await page.goto(`/?token=e2e-session-token#/fleet?cluster=${search.clusterId}`)
  await expect(lint.locator('[data-rule="no-copy-on-prod"]')).toContainText('no cross-region copy')
  const clusterLint = page.getByTestId('cluster-lint')
  await expect(clusterLint.locator('[data-rule="no-copy-on-prod"]')).toHaveText('Note: No cross-region copy on production')

  const settings = new SettingsPage(page)
  await settings.open()
  const section = page.getByRole('region', { name: 'Protection' })
  const retention = section.getByLabel('Keep backup history (days)')
  const save = section.getByRole('button', { name: 'Save protection settings' })
  await expect(retention).toHaveValue('400')
  await retention.fill('10')
  await expect(section.getByText('Enter a whole number of days from 30 to 3650.')).toBeVisible()
  await expect(retention).toHaveAttribute('aria-invalid', 'true')
  await expect(save).toBeDisabled()
  await retention.fill('90')
  const rule = section.getByRole('checkbox', { name: /No cross-region copy on production/ })
  await expect(rule).toBeChecked()
  await expect(rule).toHaveAccessibleDescription(/keeps no copy of its backups in another region/)
  await rule.uncheck()
  await save.click()
  await expect(page.getByTestId('toast').filter({ hasText: 'Protection settings saved' })).toBeVisible()

  await page.reload()
  await expect(page.getByRole('region', { name: 'Protection' }).getByLabel('Keep backup history (days)')).toHaveValue('90')
  await expect(page.getByRole('region', { name: 'Protection' }).getByRole('checkbox', { name: /No cross-region copy on production/ })).not.toBeChecked()
  expect(await rpc(request, 'protection-settings/get', {})).toEqual({ historyRetentionDays: 90, lintRulesOff: ['no-copy-on-prod'] })

  await page.goto(`/?token=e2e-session-token#/fleet?cluster=${search.clusterId}`)
  await expect(clusterLint).toHaveText('No advice')
  await page.getByRole('switch', { name: 'Enabled' }).uncheck()
  await expect(lint.locator('[data-rule="disabled-on-prod"]')).toBeVisible()
  await page.getByRole('switch', { name: 'Enabled' }).check()
  await expect(lint).toHaveCount(0)
})

/** The MANUAL backups the emulator holds for one cluster (its control API, as the console would list them). */
async function manualBackupIds(clusterId: string): Promise<string[]> {
  if (demo === undefined) throw new Error('no emulator')
  const response = await fetch(`${demo.emulator.url}/_emulator/state`)
  const state = (await response.json()) as { backups: { backupId: string; clusterId: string; creationMethod: string }[] }
  return state.backups.filter((b) => b.clusterId === clusterId && b.creationMethod === 'MANUAL').map((b) => b.backupId)
}

/** A call to the emulator's control API (`/_emulator/...`, loopback only), as a test sets up the console's side. */
async function control(path: string, body: unknown): Promise<unknown> {
  if (demo === undefined) throw new Error('no emulator')
  const response = await fetch(`${demo.emulator.url}/_emulator/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`/_emulator/${path}: HTTP ${String(response.status)} ${await response.text()}`)
  return response.json()
}

/**
 * A cluster of its own whose only backup is good and expires in about a day, with nothing newer ever on the way
 * (its policy is off): the state "Keep a copy now" is for, built the same whatever the time of day. The demo
 * clusters' states move with the clock (orders-prod's 02:00 UTC backup is still being made for its first minute,
 * and a manual backup is refused while it runs).
 */
async function clusterWithOnlyAnExpiringBackup(clusterName: string): Promise<string> {
  if (demo === undefined) throw new Error('no emulator')
  const { cluster } = (await control('clusters', { clusterName })) as { cluster: { clusterId: string } }
  // Enabling starts an AUTO backup at once (emulator README, Lifecycle), kept one day; its job takes 60 s of emulator
  // time. The window opens 11 to 12 hours from now, so no scheduled backup can start while the clock moves past it.
  const { now } = (await (await fetch(`${demo.emulator.url}/_emulator/clock`)).json()) as { now: number }
  const hour = (new Date(now).getUTCHours() + 12) % 24
  const hh = (h: number): string => String(h % 24).padStart(2, '0')
  const window = `${hh(hour)}:00-${hh(hour + 2)}:00`
  await setRemotePolicy(demo.emulator, cluster.clusterId, { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: window, retentionDays: 1 })
  await control('clock/advance', { ms: 61_000 })
  await setRemotePolicy(demo.emulator, cluster.clusterId, { enabled: false })
  return cluster.clusterId
}

test('analytics-staging, its backups stopped 12 days ago, reads an achieved RPO of those days in its row and details, beside the current gap', async ({ page, request }) => {
  const analytics = await clusterByName(request, 'analytics-staging')
  const fleet = new FleetPage(page)
  await fleet.open()
  // Not the one-day gap between its dailies: the open gap since the last of them (12 days and some hours).
  await expect(fleet.row('analytics-staging').getByTestId('cluster-protection').locator('.visually-hidden')).toHaveText(/^RPO 1[23] d\b/)
  await page.goto(`/?token=e2e-session-token#/fleet?cluster=${analytics.clusterId}`)
  const figures = page.getByTestId('cluster-protection-figures')
  await expect(figures.locator('div').filter({ hasText: /^Achieved RPO/ }).locator('dd')).toHaveText(/^1[23] d\b/)
  await expect(figures.locator('div').filter({ hasText: /^Current gap/ }).locator('dd')).toHaveText(/^1[23] d\b/)
})

test('"Keep a copy now" from the expiring notice and the Fleet row confirms what it costs, then creates exactly one manual backup', async ({ page, request }, testInfo) => {
  // Its newest good backup expires within a day with nothing newer: well inside a 7-day expiring lead. search-prod
  // (Mon/Wed/Fri, kept 14 days) always has a newest good backup with more than 9 days left, or one being made.
  await rpc(request, 'settings/update', { expiringLeadHours: 7 * 24 })
  // A name of its own per run: `--repeat-each` runs this again against the same emulator.
  const name = `keep-copy-${String(testInfo.repeatEachIndex)}`
  const clusterId = await clusterWithOnlyAnExpiringBackup(name)
  await syncWhenIdle(request, demo?.connectionId ?? '')
  const before = await manualBackupIds(clusterId)
  expect(before).toEqual([])
  const fleet = new FleetPage(page)
  await fleet.open()
  const offer = fleet.row(name).getByRole('button', { name: `Keep a copy of ${name} now…` })
  await expect(offer).toBeVisible()
  await expect(fleet.row('search-prod').getByRole('button', { name: /^Keep a copy/ })).toHaveCount(0)

  // The `expiring` notice about the newest good backup offers the same action.
  await page.goto('/?token=e2e-session-token#/notifications')
  const notice = page.getByTestId('notification').filter({ hasText: `Newest backup expiring: ${name}` }).first()
  await notice.getByRole('button', { name: 'Keep a copy now…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Keep a copy now' })
  await expect(dialog).toContainText(`Start a manual backup of ${name} now?`)
  await expect(dialog).toContainText('A manual backup is kept until you delete it')
  await expect(dialog).toContainText(/Cost: Zilliz Cloud bills backup storage per GB every day/)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  expect(await manualBackupIds(clusterId)).toEqual(before)

  await fleet.open()
  await offer.click()
  await page.getByRole('dialog', { name: 'Keep a copy now' }).getByRole('button', { name: 'Start manual backup' }).click()
  await expect(page.getByTestId('toast').filter({ hasText: new RegExp(`Manual backup ${name}\\S* started`) })).toBeVisible()
  await expect.poll(async () => (await manualBackupIds(clusterId)).length).toBe(before.length + 1)
  // The request went through the create-backup intent once: a sync reconciles it and no second backup appears.
  await syncWhenIdle(request, demo?.connectionId ?? '')
  expect((await manualBackupIds(clusterId)).length).toBe(before.length + 1)
  // The new backup is on the way: the offer is gone from the cluster's details.
  await page.goto(`/?token=e2e-session-token#/fleet?cluster=${clusterId}`)
  await expect(page.getByTestId('cluster-protection-figures')).toBeVisible()
  await expect(page.getByTestId('keep-copy-offer')).toHaveCount(0)
})

test('Reports… saves the compliance CSV of one project and the printable page, and refuses a period that ends before it starts', async ({ page, request }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.row('orders-prod')).toBeVisible()
  await page.getByRole('button', { name: 'Reports…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Reports' })
  await dialog.getByLabel('Last day').fill('2026-01-01')
  await dialog.getByLabel('First day').fill('2026-01-05')
  await expect(dialog.getByRole('alert')).toHaveText('The last day must not be before the first.')
  await expect(dialog.getByRole('button', { name: 'Save CSV' })).toBeDisabled()
  await dialog.getByRole('button', { name: 'Last 7 days' }).click()
  await expect(dialog.getByRole('alert')).toHaveCount(0)

  await dialog.getByLabel('One project').check()
  await dialog.getByRole('combobox', { name: 'Project' }).selectOption({ label: 'Production' })
  const csvDownload = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Save CSV' }).click()
  const csvFile = await csvDownload
  expect(csvFile.suggestedFilename()).toMatch(/^compliance-protection-e2e-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
  const rows = parse<Record<string, string>>(readFileSync(await csvFile.path(), 'utf8'), { columns: true })
  const production = (await rpc(request, 'cluster/list', {})).filter((c) => c.projectName === 'Production')
  expect(rows.map((r) => r['cluster_id']).sort()).toEqual(production.map((c) => c.clusterId).sort())
  await expect(page.getByTestId('toast').filter({ hasText: 'Report saved' })).toBeVisible()

  await page.getByRole('button', { name: 'Reports…' }).click()
  const htmlDownload = page.waitForEvent('download')
  await page.getByRole('dialog', { name: 'Reports' }).getByRole('button', { name: 'Save printable report' }).click()
  const htmlFile = await htmlDownload
  expect(htmlFile.suggestedFilename()).toMatch(/\.html$/)
  const html = readFileSync(await htmlFile.path(), 'utf8')
  expect(html).toContain('Backup compliance report — Protection e2e')
  expect(html).toContain('catalog-staging')
  expect(html).not.toContain('<script')
})
