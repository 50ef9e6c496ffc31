import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { PolicyEditorPage } from '../pages/policy-editor-page.ts'
import { DraftsPage } from '../pages/drafts-page.ts'
import { clusterByName, remotePolicy, setRemotePolicy } from '../support/emulator-connection.ts'
import { freePort } from '../support/free-port.ts'
import { HostProcess } from '../support/host-process.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

const TOKEN = 'offline-e2e-token'

test.describe('offline drafting', () => {
  test.describe.configure({ timeout: 120_000 })
  let emulator: RunningEmulator | null = null
  let host: HostProcess | null = null

  test.afterEach(async ({ page }) => {
    // Leave the host's page first: a cut event stream would be reported as a console error.
    await page.goto('about:blank')
    await host?.stop()
    await emulator?.close()
  })

  test('drafts with the API unreachable, keeps the draft across a host restart, then detects and resolves a conflict', async ({ page, request }) => {
    const work = mkdtempSync(join(tmpdir(), 'backup-desk-offline-'))
    const stateFile = join(work, 'emulator.json')
    emulator = await startEmulator({ seed: 'demo', stateFile })
    const { port: emulatorPort, apiKey } = emulator
    host = new HostProcess(await freePort(), TOKEN, join(work, 'data'))
    await host.start()

    const connection = await rpc(request, 'connection/add', { name: 'Offline e2e', baseUrl: emulator.url, apiKey }, host.url, TOKEN)
    await rpc(request, 'sync/run', {}, host.url, TOKEN)
    const orders = await clusterByName(request, 'orders-prod', host.url, TOKEN)

    // The API goes away: the editor still works from the cache and the draft is saved locally.
    await emulator.close()
    emulator = null
    const editor = new PolicyEditorPage(page)
    await editor.open(orders.clusterId, host.url, TOKEN)
    await editor.setRetention('20')
    await editor.weekday('Sunday').click()
    await expect(editor.weekday('Sunday')).toHaveAttribute('aria-pressed', 'false')
    await editor.saveDraft.click()
    await expect(editor.outcome).toContainText('Draft saved')

    // The host restarts on the same data dir: the draft is still there.
    await page.goto('about:blank')
    await host.stop()
    await host.start()
    const drafts = new DraftsPage(page)
    await drafts.open(host.url, TOKEN)
    await expect(drafts.state('orders-prod')).toContainText('Local')
    await expect(drafts.diffRow('orders-prod', 'Retention')).toContainText('20 days')

    // The API comes back, and someone changed the policy meanwhile.
    emulator = await startEmulator({ port: emulatorPort, stateFile, apiKeys: [apiKey] })
    await setRemotePolicy(emulator, orders.clusterId, { enabled: true, frequency: '1,3,5', startTime: '06:00-08:00', retentionDays: 12 })
    const connections = await rpc(request, 'connection/list', {}, host.url, TOKEN)
    if (connections.find((c) => c.id === connection.id)?.hasToken !== true) {
      // Without a system keychain the key lived in memory only: re-enter it, as the app asks.
      await rpc(request, 'connection/update-key', { id: connection.id, apiKey }, host.url, TOKEN)
    }

    await drafts.push('orders-prod').click()
    await expect(drafts.state('orders-prod')).toContainText('Conflict')
    await expect(drafts.card('orders-prod')).toContainText('changed after this draft was made')
    expect((await remotePolicy(emulator, orders.clusterId)).retentionDays).toBe(12)

    // Three-way: weekdays and retention changed on both sides need a choice; the window only the colleague
    // changed is merged by itself, so keeping mine never reverts it.
    await expect(drafts.mergeRow('orders-prod', 'Window (UTC)')).toContainText('takes the remote change')
    await expect(drafts.mergeRow('orders-prod', 'Retention').getByRole('radio', { name: 'Mine' })).toBeChecked()
    await drafts.card('orders-prod').screenshot({ path: screenshotPath('drafts-conflict-three-way.png') })
    await drafts.action('orders-prod', 'Apply choices').click()
    await expect(drafts.state('orders-prod')).toContainText('Local')
    await drafts.push('orders-prod').click()
    await expect(drafts.state('orders-prod')).toContainText('Synced')
    expect(await remotePolicy(emulator, orders.clusterId)).toMatchObject({ frequency: '1,2,3,4,5,6', startTime: '06:00-08:00', retentionDays: 20 })
  })
})
