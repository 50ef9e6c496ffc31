import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { DraftsPage } from '../pages/drafts-page.ts'
import { PolicyEditorPage } from '../pages/policy-editor-page.ts'
import { clusterByName } from '../support/emulator-connection.ts'
import { freePort } from '../support/free-port.ts'
import { HostProcess } from '../support/host-process.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

const TOKEN = 'drafts-orphan-e2e-token'
type Policy = { enabled: boolean; frequency: string; startTime: string; retentionDays: number }

test.describe('drafts are never orphaned or lost', () => {
  test.describe.configure({ timeout: 120_000 })
  let emulator: RunningEmulator | null = null
  let host: HostProcess | null = null

  test.beforeEach(async () => {
    emulator = await startEmulator({ seed: 'demo' })
    host = new HostProcess(await freePort(), TOKEN, join(mkdtempSync(join(tmpdir(), 'backup-desk-orphan-')), 'data'))
    await host.start()
  })

  test.afterEach(async ({ page }) => {
    await page.goto('about:blank')
    await host?.stop()
    await emulator?.close()
  })

  test('a kept draft of a removed connection says so, can be exported, and comes back with its own values when the organization is re-added', async ({ page, request }) => {
    const add = () => rpc(request, 'connection/add', { name: 'Orphan e2e', baseUrl: emulator!.url, apiKey: emulator!.apiKey }, host!.url, TOKEN)
    const first = await add()
    await rpc(request, 'sync/run', { connectionId: first.id }, host!.url, TOKEN)
    const orders = await clusterByName(request, 'orders-prod', host!.url, TOKEN)
    const remote = (orders as unknown as { policy: Policy }).policy
    await rpc(request, 'draft/save', { clusterId: orders.clusterId, connectionId: first.id, policy: { ...remote, retentionDays: 17 } }, host!.url, TOKEN)
    await rpc(request, 'connection/remove', { id: first.id, drafts: 'keep' }, host!.url, TOKEN)

    const drafts = new DraftsPage(page)
    await drafts.open(host!.url, TOKEN)
    const card = drafts.cards.first()
    await expect(card.getByTestId('draft-orphan')).toContainText("No connection reaches this draft's organization any more")
    await expect(card.getByRole('button', { name: /^Push/ })).toHaveCount(0)
    await expect(card.getByRole('link', { name: /^Edit/ })).toHaveCount(0)
    await card.screenshot({ path: screenshotPath('drafts-orphan.png') })
    const download = page.waitForEvent('download')
    await card.getByRole('button', { name: /^Export the draft/ }).click()
    expect((await download).suggestedFilename()).toMatch(/^backup-policy-draft-.*\.json$/)

    const again = await add()
    await rpc(request, 'connection/activate', { id: again.id }, host!.url, TOKEN)
    await rpc(request, 'sync/run', { connectionId: again.id }, host!.url, TOKEN)
    await drafts.open(host!.url, TOKEN)
    await expect(drafts.card('orders-prod').getByTestId('draft-orphan')).toHaveCount(0)
    await expect(drafts.push('orders-prod')).toBeVisible()

    // Edit opens the draft's values, not the remote's.
    const editor = new PolicyEditorPage(page)
    await editor.open(orders.clusterId, host!.url, TOKEN)
    await expect(editor.retention).toHaveValue('17')
  })
})
