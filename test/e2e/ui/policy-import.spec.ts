import { parseDocument } from 'yaml'
import { test, expect } from '../fixtures.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { type ConnectedEmulator, clusterByName, connectEmulator, disconnectEmulator, remotePolicy } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Policy import e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test('a file with one invalid entry: the review shows it with its line and field, and applies the valid change', async ({ page, request }) => {
  const connectionId = demo?.connectionId ?? ''
  const exported = await rpc(request, 'policy/export', { format: 'yaml', connectionId })
  const doc = parseDocument(exported.content)
  const names = (doc.toJS() as { clusters: { name: string }[] }).clusters.map((c) => c.name)
  doc.setIn(['clusters', names.indexOf('search-prod'), 'policy', 'retentionDays'], 21)
  doc.setIn(['clusters', names.indexOf('orders-prod'), 'policy', 'retentionDays'], 99)
  const text = doc.toString()
  const badLine = text.split('\n').findIndex((l) => l.includes('retentionDays: 99')) + 1

  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.importPolicyFile('policies.yaml', text)
  const review = page.getByRole('dialog', { name: 'Review changes' })
  await expect(review.getByTestId('plan-summary')).toContainText('1 cluster will change · 3 already as wanted · 0 skipped · 1 invalid.')
  const invalid = review.getByTestId('plan-item').filter({ hasText: 'orders-prod' })
  await expect(invalid.getByTestId('plan-reason')).toHaveText(`Retention must be between 1 and 30 days. (field policy.retentionDays, line ${badLine})`)
  await page.screenshot({ path: screenshotPath('import-policies-review.png') })
  await review.getByRole('button', { name: /^Apply/ }).first().click()
  const search = await clusterByName(request, 'search-prod')
  await expect.poll(async () => (await remotePolicy(demo?.emulator ?? { url: '', apiKey: '' }, search.clusterId)).retentionDays).toBe(21)
  const orders = await clusterByName(request, 'orders-prod')
  expect((await remotePolicy(demo?.emulator ?? { url: '', apiKey: '' }, orders.clusterId)).retentionDays).not.toBe(99)
})

test('a file that cannot be read lists its problems by line and field, and changes nothing', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.importPolicyFile('old.yaml', 'apiVersion: backup-desk/v2\nkind: BackupPolicySet\nclusters: []\n')
  const dialog = page.getByRole('dialog', { name: 'The file cannot be imported' })
  await expect(dialog.getByTestId('import-problem')).toHaveText(['Line 1 · apiVersion apiVersion must be backup-desk/v1.'])
  await page.screenshot({ path: screenshotPath('import-policies-problems.png') })
  await expect(dialog.getByRole('button', { name: 'OK' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Import policies…' })).toBeFocused()
})

test('a file that only replaces a template says so in the review, and saving it changes the template and names the drift it moves', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  const remote = await remotePolicy(demo?.emulator ?? { url: '', apiKey: '' }, search.clusterId)
  const policy = { enabled: true, frequency: remote.frequency ?? '1', startTime: remote.startTime ?? '02:00-04:00', retentionDays: remote.retentionDays, crossRegionCopies: [] }
  const template = await rpc(request, 'template/save', { name: 'tpl-e2e-import', policy })
  await rpc(request, 'template/assign', { templateId: template.id, clusterIds: [search.clusterId], connectionId: search.connectionId })
  const retention = policy.retentionDays === 29 ? 28 : 29
  const text = [
    'apiVersion: backup-desk/v1',
    'kind: BackupPolicySet',
    'templates:',
    '  tpl-e2e-import:',
    '    enabled: true',
    `    frequency: "${policy.frequency}"`,
    `    startTime: "${policy.startTime}"`,
    `    retentionDays: ${String(retention)}`,
    'clusters: []',
    ''
  ].join('\n')

  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.importPolicyFile('template.yaml', text)
  const review = page.getByRole('dialog', { name: 'Review changes' })
  await expect(review.getByTestId('plan-templates')).toHaveText(
    'Replaces the template tpl-e2e-import (retention differs): the drift of 1 assigned cluster not in this plan moves: search-prod.'
  )
  await page.screenshot({ path: screenshotPath('import-policies-template.png') })
  await review.getByRole('button', { name: 'Save the template' }).click()
  await expect.poll(async () => (await rpc(request, 'template/list', {})).find((t) => t.name === 'tpl-e2e-import')?.policy.retentionDays).toBe(retention)
  await rpc(request, 'template/delete', { id: template.id })
})

test('a cluster held back by its open draft is skipped, and its row shows what the file wants and is not applied', async ({ page, request }) => {
  const connectionId = demo?.connectionId ?? ''
  const catalog = await clusterByName(request, 'catalog-staging')
  const draft = await rpc(request, 'draft/save', { clusterId: catalog.clusterId, connectionId, policy: { enabled: true, frequency: '2,4', startTime: '05:00-07:00', retentionDays: 9 } })
  const exported = await rpc(request, 'policy/export', { format: 'yaml', connectionId })
  const doc = parseDocument(exported.content)
  const names = (doc.toJS() as { clusters: { name: string }[] }).clusters.map((c) => c.name)
  const wanted = (await remotePolicy(demo?.emulator ?? { url: '', apiKey: '' }, catalog.clusterId)).retentionDays === 27 ? 26 : 27
  doc.setIn(['clusters', names.indexOf('catalog-staging'), 'policy', 'retentionDays'], wanted)

  const fleet = new FleetPage(page)
  await fleet.open()
  await fleet.importPolicyFile('held.yaml', doc.toString())
  const review = page.getByRole('dialog', { name: 'Review changes' })
  const row = review.getByTestId('plan-item').filter({ hasText: 'catalog-staging' })
  await expect(row.getByTestId('plan-verdict')).toHaveText('Skipped')
  await expect(review.getByTestId('plan-summary')).toContainText('1 skipped (1 not as wanted)')
  await expect(row.getByRole('table', { name: /what this plan wants and does not apply/ })).toBeVisible()
  await expect(row.getByTestId('diff-row').filter({ hasText: 'changed' })).toContainText(`${String(wanted)} days`)
  await row.scrollIntoViewIfNeeded()
  await page.screenshot({ path: screenshotPath('import-policies-held-back.png') })
  await review.getByRole('button', { name: 'Cancel' }).click()
  await rpc(request, 'draft/discard', { id: draft.id })
})
