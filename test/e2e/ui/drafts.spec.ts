import { test, expect } from '../fixtures.ts'
import { PolicyEditorPage } from '../pages/policy-editor-page.ts'
import { DraftsPage } from '../pages/drafts-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator, remotePolicy } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Drafts e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test('saves a draft, shows it in Drafts with its diff, and pushes it to synced', async ({ page, request }) => {
  const catalog = await clusterByName(request, 'catalog-staging')
  const editor = new PolicyEditorPage(page)
  await editor.open(catalog.clusterId)
  await editor.weekday('Saturday').click()
  await editor.setRetention('5')
  await editor.saveDraft.click()
  await expect(editor.outcome).toContainText('Draft saved')
  expect((await remotePolicy(demo!.emulator, catalog.clusterId)).retentionDays).toBe(3)

  const drafts = new DraftsPage(page)
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Drafts', exact: true }).click()
  await expect(drafts.state('catalog-staging')).toContainText('Local')
  await expect(drafts.diffRow('catalog-staging', 'Retention')).toContainText('3 days')
  await expect(drafts.diffRow('catalog-staging', 'Retention')).toContainText('5 days')
  await expect(drafts.diffRow('catalog-staging', 'Weekdays')).toContainText('Mon, Tue, Wed, Thu, Fri, Sat')

  await drafts.push('catalog-staging').click()
  await expect(drafts.state('catalog-staging')).toContainText('Synced')
  expect(await remotePolicy(demo!.emulator, catalog.clusterId)).toMatchObject({ frequency: '1,2,3,4,5,6', retentionDays: 5 })
})

test('pushes several selected drafts at once', async ({ page, request }) => {
  const names = ['orders-prod', 'search-prod']
  for (const name of names) {
    const cluster = await clusterByName(request, name)
    await rpc(request, 'draft/save', { clusterId: cluster.clusterId, connectionId: cluster.connectionId, policy: { enabled: true, frequency: '2,4', startTime: '05:00-07:00', retentionDays: 9 } })
  }
  const drafts = new DraftsPage(page)
  await drafts.open()
  for (const name of names) await drafts.select(name).check()
  await expect(drafts.pushSelected).toHaveText('Push selected (2)')
  await drafts.pushSelected.click()
  for (const name of names) await expect(drafts.state(name)).toContainText('Synced')
})

test('takes screenshots of Drafts, light and dark', async ({ page, request }) => {
  const features = await clusterByName(request, 'ml-features')
  await rpc(request, 'draft/save', { clusterId: features.clusterId, connectionId: features.connectionId, policy: { enabled: true, frequency: '6,7', startTime: '01:00-03:00', retentionDays: 14 } })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1360, height: 1100 })
    const drafts = new DraftsPage(page)
    await drafts.open()
    await expect(drafts.state('ml-features')).toContainText('Local')
    await page.screenshot({ path: screenshotPath(`drafts-${scheme}.png`) })
  }
})
