import { test, expect } from '../fixtures.ts'
import { PolicyEditorPage } from '../pages/policy-editor-page.ts'
import { clusterByName, type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'Copy regions e2e')
  const created = await fetch(`${demo.emulator.url}/_emulator/clusters`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clusterName: 'azure-prod', regionId: 'az-eastus', plan: 'Enterprise' })
  })
  expect(created.ok).toBe(true)
  await rpc(request, 'sync/run', { connectionId: demo.connectionId })
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

test('a copy region is picked from the regions of the cluster’s cloud, not typed', async ({ page, request }) => {
  const search = await clusterByName(request, 'search-prod')
  const editor = new PolicyEditorPage(page)
  await editor.open(search.clusterId)
  await editor.addCopy.click()
  const region = editor.copyRegion(1)
  await expect(region.locator('option:not([disabled])')).toHaveText(['aws-us-west-2', 'aws-eu-central-1', 'aws-ap-southeast-1'])
  await expect(page.getByRole('textbox', { name: /Region id of copy/ })).toHaveCount(0)
  await region.selectOption('aws-eu-central-1')
  await expect(region).toHaveValue('aws-eu-central-1')
  await expect(region).toHaveAttribute('aria-invalid', 'false')
  await page.getByRole('group', { name: 'Cross-region copies' }).screenshot({ path: screenshotPath('policy-editor-copy-regions.png') })
})

test('on Azure the editor says copies are not available and offers no Add copy', async ({ page, request }) => {
  const azure = await clusterByName(request, 'azure-prod')
  const editor = new PolicyEditorPage(page)
  await editor.open(azure.clusterId)
  await expect(page.getByRole('note')).toHaveText('Cross-region copies are not available for this cluster: Zilliz Cloud offers none on Azure.')
  await expect(editor.addCopy).toHaveCount(0)
})
