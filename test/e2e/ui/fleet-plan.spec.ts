import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator, remotePolicy, setRemotePolicy } from '../support/emulator-connection.ts'
import { rpc, syncWhenIdle } from '../support/rpc.ts'
import { DraftsPage } from '../pages/drafts-page.ts'
import { ReviewChangesDialog } from '../pages/review-changes-dialog.ts'

// Fleet changes through a reviewed plan (issue 14): selection by keyboard and mouse, "Review changes", conflicts,
// drafts and drift. Each test works on clusters of its own, so none depends on another's outcome.
let demo: ConnectedEmulator | undefined
const DAILY_21 = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 21 }

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Fleet plan e2e')
})

test.afterAll(async ({ request }) => {
  for (const template of await rpc(request, 'template/list', {})) {
    if (template.name.startsWith('tpl-e2e-plan')) await rpc(request, 'template/delete', { id: template.id })
  }
  await disconnectEmulator(request, demo)
})

async function openFleet(fleet: FleetPage): Promise<void> {
  await fleet.open()
  // The screens mount afresh once the active organization is known: select after that, not on the first paint.
  await fleet.page.getByRole('button', { name: /^Organization: / }).waitFor()
  await expect(fleet.row('orders-prod')).toBeVisible()
}

test('selects three clusters with Space and Shift+Space, applies a template through the review, and the drift goes', async ({ page, request }) => {
  const template = await rpc(request, 'template/save', { name: 'tpl-e2e-plan-daily', policy: DAILY_21 })
  const names = ['analytics-staging', 'catalog-staging', 'ml-features']
  const ids = await Promise.all(names.map(async (n) => (await clusterByName(request, n)).clusterId))
  await rpc(request, 'template/assign', { templateId: template.id, clusterIds: ids, connectionId: demo!.connectionId })

  const fleet = new FleetPage(page)
  await openFleet(fleet)
  for (const name of names) await expect(fleet.row(name).getByTestId('drift-badge')).toHaveText('Drifted from tpl-e2e-plan-daily')

  await fleet.checkbox('analytics-staging').focus()
  await page.keyboard.press('Space')
  await page.keyboard.press('ArrowDown')
  await expect(fleet.checkbox('catalog-staging')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Shift+Space')
  for (const name of names) await expect(fleet.checkbox(name)).toBeChecked()
  await expect(fleet.checkbox('sandbox-free')).not.toBeChecked()
  await expect(fleet.actionBar.getByTestId('selection-count')).toHaveText('3 clusters selected')

  await fleet.actionBar.getByRole('button', { name: 'Apply template…' }).click()
  const choose = page.getByRole('dialog', { name: 'Apply template' })
  await choose.getByRole('radio', { name: /tpl-e2e-plan-daily/ }).check()
  await choose.getByRole('button', { name: 'Review changes…' }).click()

  const review = new ReviewChangesDialog(page)
  await expect(review.summary).toContainText('3 clusters will change')
  // analytics-staging is off: enabling it makes Zilliz Cloud start a backup at once.
  await expect(review.startsBackups).toHaveText(/^1 cluster will start a backup at once/)
  await expect(review.item('catalog-staging').getByTestId('diff-row').filter({ hasText: 'Retention' })).toContainText('21 days')
  expect((await remotePolicy(demo!.emulator, ids[1]!)).retentionDays).toBe(3)

  await review.applyTo(3).click()
  for (const name of names) await expect(review.result(name)).toHaveText('Applied')
  // Applied, the review no longer speaks of the future: the new policy is the one now on Zilliz Cloud.
  await expect(review.summary).toHaveText('The plan: 3 clusters to change · 0 already as wanted · 0 skipped · 0 invalid.')
  for (const name of names) await expect(review.verdict(name)).toHaveCount(0)
  await expect(review.item('catalog-staging').getByRole('columnheader')).toContainText(['Before', 'Now on Zilliz Cloud'])
  await review.close.click()
  await expect(review.root).toBeHidden()

  for (const id of ids) expect(await remotePolicy(demo!.emulator, id)).toMatchObject({ frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 21 })
  for (const name of names) await expect(fleet.row(name).getByTestId('drift-badge')).toHaveCount(0)
  await expect(fleet.checkbox('catalog-staging')).not.toBeChecked()
})

test('a colleague’s console change between plan and apply is a conflict, not overwritten; Shift+click selects a range', async ({ page, request }) => {
  const orders = await clusterByName(request, 'orders-prod')
  const search = await clusterByName(request, 'search-prod')
  const fleet = new FleetPage(page)
  await openFleet(fleet)
  await fleet.checkbox('events-serverless').click()
  await fleet.checkbox('search-prod').click({ modifiers: ['Shift'] })
  await expect(fleet.actionBar.getByTestId('selection-count')).toHaveText('3 clusters selected')
  for (const name of ['events-serverless', 'orders-prod', 'search-prod']) await expect(fleet.checkbox(name)).toBeChecked()

  await fleet.actionBar.getByRole('button', { name: 'Change policies…' }).click()
  const change = page.getByRole('dialog', { name: 'Change policies' })
  await change.getByLabel('Retention (days)').fill('9')
  await change.getByRole('button', { name: 'Review changes…' }).click()

  const review = new ReviewChangesDialog(page)
  await expect(review.summary).toContainText('2 clusters will change')
  await expect(review.verdict('events-serverless')).toHaveText('Skipped')
  await expect(review.item('events-serverless').getByTestId('plan-reason')).toContainText('Serverless')
  await expect(review.startsBackups).toHaveText('No cluster starts a backup because of this change.')

  // Another admin edits orders-prod in the console while the review is open.
  await setRemotePolicy(demo!.emulator, orders.clusterId, { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 5 })
  await review.applyTo(2).click()
  await expect(review.result('orders-prod')).toHaveText('Conflict')
  await expect(review.item('orders-prod').getByTestId('plan-result-detail')).toContainText('not overwritten')
  await expect(review.result('search-prod')).toHaveText('Applied')
  expect((await remotePolicy(demo!.emulator, orders.clusterId)).retentionDays).toBe(5)
  expect((await remotePolicy(demo!.emulator, search.clusterId)).retentionDays).toBe(9)
  await review.close.click()
  await expect(fleet.checkbox('orders-prod')).toBeChecked()
  await expect(fleet.checkbox('search-prod')).not.toBeChecked()
})

test('Save as drafts sends nothing and puts each change in Drafts', async ({ page, request }) => {
  await rpc(request, 'template/save', { name: 'tpl-e2e-plan-weekdays', policy: { ...DAILY_21, frequency: '1,2,3,4,5', retentionDays: 12 } })
  const features = await clusterByName(request, 'ml-features')
  const before = await remotePolicy(demo!.emulator, features.clusterId)
  const fleet = new FleetPage(page)
  await openFleet(fleet)
  await fleet.checkbox('ml-features').click()
  await fleet.actionBar.getByRole('button', { name: 'Apply template…' }).click()
  const choose = page.getByRole('dialog', { name: 'Apply template' })
  await choose.getByRole('radio', { name: /tpl-e2e-plan-weekdays/ }).check()
  await choose.getByRole('button', { name: 'Review changes…' }).click()

  const review = new ReviewChangesDialog(page)
  await review.saveAsDrafts.click()
  await expect(review.result('ml-features')).toHaveText('Queued as draft')
  await review.close.click()
  expect(await remotePolicy(demo!.emulator, features.clusterId)).toEqual(before)

  const drafts = new DraftsPage(page)
  await drafts.open()
  // The first test's change to ml-features is there too, as a synced draft: this one waits, queued.
  const queued = drafts.card('ml-features').filter({ has: page.getByTestId('draft-state').filter({ hasText: 'Queued' }) })
  await expect(queued).toBeVisible()
  const row = (field: string) => queued.getByTestId('diff-row').filter({ has: page.getByRole('rowheader', { name: field, exact: true }) })
  await expect(row('Retention')).toContainText('12 days')
  await expect(row('Weekdays')).toContainText('Mon–Fri')
})

test('a drift made in the console shows after sync with one notice, and "Bring back to template" reviews and fixes it', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  await setRemotePolicy(demo!.emulator, search.clusterId, DAILY_21)
  await syncWhenIdle(request, demo!.connectionId)
  const template = await rpc(request, 'template/save', { name: 'tpl-e2e-plan-drift', policy: DAILY_21 })
  await rpc(request, 'template/assign', { templateId: template.id, clusterIds: [search.clusterId], connectionId: search.connectionId })

  const fleet = new FleetPage(page)
  await openFleet(fleet)
  await expect(fleet.row('search-prod').getByTestId('drift-badge')).toHaveCount(0)
  await setRemotePolicy(demo!.emulator, search.clusterId, { ...DAILY_21, frequency: '1,2,3,4,5,6', retentionDays: 7 })
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(fleet.row('search-prod').getByTestId('drift-badge')).toHaveText('Drifted from tpl-e2e-plan-drift')

  await page.getByTestId('fleet-filter-drifted').click()
  await expect(fleet.row('search-prod')).toBeVisible()
  await expect(fleet.row('orders-prod')).toHaveCount(0)
  await syncWhenIdle(request, demo!.connectionId)
  const notices = await rpc(request, 'notification/list', {})
  expect(notices.filter((n) => n.kind === 'drift' && n.title === 'search-prod drifted from tpl-e2e-plan-drift')).toHaveLength(1)

  await fleet.openCluster('search-prod')
  const status = page.getByTestId('template-status')
  await expect(status).toContainText('Drifted from tpl-e2e-plan-drift: Sunday missing, retention 7 ≠ 21')
  await status.getByRole('button', { name: 'Bring back to template' }).click()
  const review = new ReviewChangesDialog(page)
  await review.applyTo(1).click()
  await expect(review.result('search-prod')).toHaveText('Applied')
  await review.close.click()
  await expect(status).toContainText('Follows the template tpl-e2e-plan-drift.')
  expect(await remotePolicy(demo!.emulator, search.clusterId)).toMatchObject({ frequency: '1,2,3,4,5,6,7', retentionDays: 21 })
})
