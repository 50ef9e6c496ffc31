import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CAUSE_TEXT } from '#contract/causes'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { PolicyEditorPage } from '../pages/policy-editor-page.ts'
import { clusterByName } from '../support/emulator-connection.ts'
import { freePort } from '../support/free-port.ts'
import { HOST_STOP_ERRORS } from '../support/host-stop-errors.ts'
import { HostProcess } from '../support/host-process.ts'
import { waitForPreload } from '../support/preload.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

const TOKEN = 'event-stream-gaps-e2e-token'

/**
 * An event the core sends while the page is not on its event stream never reaches the page: the states must be read
 * again once the stream is (re)connected (src-renderer/lib/state/follow.ts), or the top bar tells what is no longer
 * true, e.g. "Syncing…" for a sync long over, with "Sync now" disabled.
 */
test.describe('what the page shows stays true across gaps in the event stream', () => {
  test.describe.configure({ timeout: 60_000 })
  let emulator: RunningEmulator | null = null
  let host: HostProcess | null = null

  test.beforeEach(async ({ request }) => {
    emulator = await startEmulator({ seed: 'demo' })
    // No D-Bus session: keys live in memory only, so a restart loses them and the start-up sync fails (no key).
    host = new HostProcess(await freePort(), TOKEN, join(mkdtempSync(join(tmpdir(), 'backup-desk-stream-gaps-')), 'data'), {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'
    })
    await host.start()
    await rpc(request, 'connection/add', { name: 'Stream gaps e2e', baseUrl: emulator.url, apiKey: emulator.apiKey }, host.url, TOKEN)
    await rpc(request, 'sync/run', {}, host.url, TOKEN)
  })

  test.afterEach(async ({ page }) => {
    await page.goto('about:blank')
    await host?.stop()
    await emulator?.close()
  })

  test.describe('the host restarts under an open page', () => {
    // The stopping host cuts the page's event stream mid-response, and Chromium says so; nothing else may fail.
    test.use({ allowedConsoleErrors: [HOST_STOP_ERRORS] })

    test('a page left open while the host restarts shows the start-up sync\'s failure, and "Sync now" works', async ({ page }) => {
      await page.goto(`${host!.url}/?token=${TOKEN}#/fleet`)
      const syncNow = page.getByRole('button', { name: 'Sync now' })
      await expect(page.getByTestId('synced-at')).toContainText(/Synced \d\d:\d\d/)
      await expect(syncNow).toBeEnabled()
      await waitForPreload(page)

      // The restarted host's start-up sync fails at once (no key: it was in memory), before the page is back on the
      // stream: only reading the status again on reconnection can show it.
      await host!.stop()
      await host!.start()
      const failed = page.getByTestId('sync-failed')
      // The restarted host loads its core before it answers: on a loaded machine that takes a few seconds.
      await expect(failed).toContainText(`Sync failed: ${CAUSE_TEXT['no-key']}`, { timeout: 15_000 })
      await expect(failed).toContainText(/Last synced \d\d:\d\d\./)
      await expect(page.getByTestId('synced-at')).toHaveCount(0)
      await page.getByRole('banner').screenshot({ path: screenshotPath('top-bar-after-host-restart.png') })

      await syncNow.click()
      await expect(page.getByTestId('toast').filter({ hasText: CAUSE_TEXT['no-key'] })).toBeVisible()
      await expect(syncNow).toBeEnabled()
      await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toHaveCount(0)
    })

    test('a policy being edited keeps what the admin typed when the page reads everything again after the restart', async ({ page, request }) => {
      const search = await clusterByName(request, 'search-prod', host!.url, TOKEN)
      const editor = new PolicyEditorPage(page)
      await editor.open(search.clusterId, host!.url, TOKEN)
      await expect(editor.retention).toHaveValue('14')
      await editor.setRetention('21')
      await expect(page.getByText('Unsaved changes')).toBeVisible()
      await waitForPreload(page)

      // The editor's history is its last read: once it is answered, the form has been decided.
      const editorReadAgain = page.waitForResponse((response) => response.url().endsWith('/rpc/policy/history'), { timeout: 20_000 })
      await host!.stop()
      await host!.start()
      await editorReadAgain
      await expect(page.getByTestId('sync-failed')).toContainText(CAUSE_TEXT['no-key'])
      await expect(editor.form).toBeVisible()
      await expect(editor.retention).toHaveValue('21')
      await expect(page.getByText('Unsaved changes')).toBeVisible()
    })
  })

  test('a page opened during a sync that ends before the page is on the event stream does not stay on "Syncing…"', async ({ page, request }) => {
    // The sync's first request (the cluster list) is held 3 s, so the page opens while it runs.
    emulator!.injectFault({ path: '/v2/clusters', kind: 'latency', ms: 3_000 })
    const sync = rpc(request, 'sync/run', {}, host!.url, TOKEN)
    let isStreamHeld = true
    // The page's event stream reaches the host only after the sync ended, as when the browser queues it behind the
    // page's reads (seen in host traces: `GET /events` arrived after `sync/status`).
    await page.route('**/events', async (route) => {
      if (isStreamHeld) await sync
      isStreamHeld = false
      await route.continue()
    })
    await page.goto(`${host!.url}/?token=${TOKEN}#/fleet`)
    await sync

    const syncNow = page.getByRole('button', { name: 'Sync now' })
    await expect(syncNow).toBeEnabled({ timeout: 10_000 })
    await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toHaveCount(0)
    await expect(page.getByTestId('synced-at')).toContainText(/Synced \d\d:\d\d/)
  })
})
