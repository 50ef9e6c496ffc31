import { test, expect } from '../fixtures.ts'
import { type DemoConnection, clusterByName, connectDemoEmulator, disconnectDemo, rpc } from '../pages/fleet-page.ts'
import { SettingsPage } from '../pages/settings-page.ts'

let demo: DemoConnection | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectDemoEmulator(request, 'Protection e2e')
})

test.afterAll(async ({ request }) => {
  // The host is shared by every spec: leave the protection settings as they were found (the defaults).
  await rpc(request, 'protection-settings/update', { historyRetentionDays: 400, lintRulesOff: [] })
  await disconnectDemo(request, demo)
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
