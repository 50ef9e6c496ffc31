import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { ReviewChangesDialog } from '../pages/review-changes-dialog.ts'
import { type ConnectedEmulator, clusterByName, connectEmulator, disconnectEmulator, remotePolicy } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { syncWhenIdle } from '../support/rpc.ts'

// Policy lint in "Review changes" and on the Fleet's rows (issue 16 item 4): the advice the editor gives before
// Apply, on each policy a plan would set, and per cluster. This spec adds an Azure cluster to its own emulator, so it
// shares no data with another spec.
let demo: ConnectedEmulator | undefined
let azureId = ''

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Policy lint e2e')
  const production = demo.emulator.state().projects.find((p) => p.projectName === 'Production')
  azureId = demo.emulator.createCluster({ clusterName: 'orders-azure', regionId: 'az-eastus', ...(production === undefined ? {} : { projectId: production.projectId }) }).clusterId
  await syncWhenIdle(request, demo.connectionId)
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test('importing a disabled production policy and an Azure copy shows their lint in the review before Apply', async ({ page, request }) => {
  const orders = await clusterByName(request, 'orders-prod')
  const emulator = demo?.emulator ?? { url: '', apiKey: '' }
  const before = await remotePolicy(emulator, orders.clusterId)
  const file = [
    'apiVersion: backup-desk/v1',
    'kind: BackupPolicySet',
    'clusters:',
    `  - id: ${orders.clusterId}`,
    '    policy: { enabled: false }',
    `  - id: ${azureId}`,
    '    policy:',
    '      enabled: true',
    '      frequency: "1,3,5"',
    '      startTime: "02:00-04:00"',
    '      retentionDays: 7',
    '      crossRegionCopies: [{ regionId: az-westeurope, retentionDays: 3 }]',
    ''
  ].join('\n')

  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.importPolicyFile('lint.yaml', file)
  const review = new ReviewChangesDialog(page)
  await expect(review.summary).toContainText('1 cluster will change · 0 already as wanted · 1 skipped (1 not as wanted) · 0 invalid.')
  await expect(review.verdict('orders-prod')).toHaveText('Will change')
  await expect(review.finding('orders-prod', 'disabled-on-prod')).toHaveText(/^Warning: Automatic backups are off on a production cluster\./)
  await expect(review.verdict('orders-azure')).toHaveText('Skipped')
  await expect(review.finding('orders-azure', 'copy-on-azure')).toHaveText(/^Error: Zilliz Cloud does not make cross-region copies on Azure\./)
  await expect(review.advice).toContainText(/Policy advice on the new policies: 1 error, 1 warning\b/)
  await page.screenshot({ path: screenshotPath('review-changes-lint.png') })

  await review.root.getByRole('button', { name: 'Cancel' }).click()
  await expect(review.root).toBeHidden()
  expect(await remotePolicy(emulator, orders.clusterId)).toEqual(before)
})

test('a Fleet row marks its policy advice with the count and worst severity that the cluster details list', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  // search-prod is in the project Production and keeps no cross-region copy: a note.
  const mark = fleet.row('search-prod').getByTestId('lint-mark')
  await expect(mark).toHaveAttribute('data-worst', 'info')
  await expect(mark).toContainText(/Policy advice: \d+ findings?, the worst a note\./)
  const count = Number(/Policy advice: (\d+)/.exec((await mark.textContent()) ?? '')?.[1])
  expect(count).toBeGreaterThan(0)
  await expect(fleet.row('orders-azure').getByTestId('lint-mark')).toBeVisible()
  await page.screenshot({ path: screenshotPath('fleet-lint-marks.png') })
  await fleet.openCluster('search-prod')
  await expect(page.getByTestId('cluster-lint').locator('li')).toHaveCount(count)
  await expect(page.getByTestId('cluster-lint').locator('li').first()).toHaveClass(/\binfo\b/)
})
