import { test, expect } from '../fixtures.ts'
import { PolicyEditorPage, WEEKDAY_NAMES } from '../pages/policy-editor-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator, remotePolicy } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { coreCallsSent, rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Editor e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test.use({ timezoneId: 'Europe/Berlin' })

test('labels every control and shows the window in local time', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  const editor = new PolicyEditorPage(page)
  await editor.open(search.clusterId)
  for (const name of WEEKDAY_NAMES) await expect(editor.weekday(name)).toBeVisible()
  await expect(editor.weekday('Monday')).toHaveAttribute('aria-pressed', 'true')
  await expect(editor.weekday('Tuesday')).toHaveAttribute('aria-pressed', 'false')
  await expect(editor.enabled).toBeChecked()
  await expect(editor.windowStart).toHaveValue('22:00')
  await expect(editor.windowLocal).toContainText(/22:00–00:00 UTC · (23:00–01:00|00:00–02:00) in Europe\/Berlin/)
  await expect(editor.retention).toHaveValue('14')
  await expect(editor.nextRuns).toHaveCount(5)
  await expect(editor.coverage).toContainText('about 6 backups kept at any time')
  await expect(editor.coverage).toContainText('longest gap: 3 days (Fri → Mon)')
  await expect(page.getByText('Enabling the policy starts a backup at once.')).toBeVisible()
  await expect(page.getByText('A manual backup cannot start while an automatic one runs.')).toBeVisible()

  await editor.windowStart.selectOption('03:00')
  await expect(editor.windowLocal).toContainText('03:00–05:00 UTC')
  await expect(page.getByText('Unsaved changes')).toBeVisible()
})

test('refuses a retention of 45 days inline and sends nothing', async ({ page, request }) => {
  const orders = await clusterByName(request, 'orders-prod')
  const editor = new PolicyEditorPage(page)
  const calls = coreCallsSent(page)
  await editor.open(orders.clusterId)
  await editor.setRetention('45')
  await expect(editor.retention).toHaveAttribute('aria-invalid', 'true')
  await expect(editor.retention).toHaveAccessibleDescription(/Retention must be between 1 and 30 days\./)
  await expect(editor.saveDraft).toBeDisabled()
  await expect(editor.applyNow).toBeDisabled()
  await expect(editor.blockedReason).toContainText('Retention must be between 1 and 30 days.')
  await editor.weekday('Monday').click()
  await editor.retention.press('Enter')
  expect(calls.filter((call) => ['draft/save', 'policy/apply', 'draft/push'].includes(call))).toEqual([])
  const drafts = await rpc(request, 'draft/list', { connectionId: demo!.connectionId, clusterId: orders.clusterId })
  expect(drafts).toEqual([])
  expect((await remotePolicy(demo!.emulator, orders.clusterId)).retentionDays).toBe(7)
})

test('applies a policy now and shows that Zilliz Cloud confirmed it', async ({ page, request }) => {
  const features = await clusterByName(request, 'ml-features')
  const editor = new PolicyEditorPage(page)
  await editor.open(features.clusterId)
  await editor.weekday('Wednesday').click()
  await editor.setRetention('10')
  await editor.applyNow.click()
  await expect(editor.outcome).toContainText('Applied: Zilliz Cloud confirmed the new policy.')
  const remote = await remotePolicy(demo!.emulator, features.clusterId)
  expect(remote).toMatchObject({ status: 'ENABLED', frequency: '3,7', retentionDays: 10 })
  await expect(page.getByRole('region', { name: 'Policy history' })).toContainText('Retention: 30 days → 10 days')
})

test('takes screenshots of an invalid editor, light and dark', async ({ page, request }) => {
  const orders = await clusterByName(request, 'orders-prod')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1360, height: 1250 })
    const editor = new PolicyEditorPage(page)
    await editor.open(orders.clusterId)
    await editor.setRetention('45')
    await editor.addCopy.click()
    await expect(editor.retention).toHaveAttribute('aria-invalid', 'true')
    await page.screenshot({ path: screenshotPath(`policy-editor-invalid-${scheme}.png`) })
  }
})
