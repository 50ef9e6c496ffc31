import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CAUSE_TEXT } from '#contract/causes'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { freePort } from '../support/free-port.ts'
import { HOST_STOP_ERRORS } from '../support/host-stop-errors.ts'
import { HostProcess } from '../support/host-process.ts'
import { waitForPreload } from '../support/preload.ts'
import { rpc } from '../support/rpc.ts'

const TOKEN = 'event-stream-reopen-e2e-token'

/**
 * The browser gives up on an event stream that is answered with anything but the stream (a 401, say): the HTTP client
 * opens a new one 2 s later (src-renderer/lib/core-client/http-core-client.ts, REOPEN_MS). The reopened stream must
 * carry events again, and the page must read its states again for what it missed meanwhile (event-gaps.ts).
 */
test.describe('the event stream after a refused reconnection', () => {
  test.describe.configure({ timeout: 60_000 })
  // The stopping host cuts the page's event stream mid-response, and the browser's reconnection is refused while the
  // host is down; the refused stream itself is a 401, which Chromium says too. Nothing else may fail.
  // (Two patterns go in Playwright's [value, options] form: a bare two-element array would be read as that form.)
  test.use({
    allowedConsoleErrors: [[HOST_STOP_ERRORS, /^Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/], { scope: 'test' }]
  })
  let emulator: RunningEmulator | null = null
  let host: HostProcess | null = null
  let connectionId = ''

  test.beforeEach(async ({ request }) => {
    emulator = await startEmulator({ seed: 'demo' })
    // No D-Bus session: keys live in memory only, so a restart loses them and the start-up sync fails (no key).
    host = new HostProcess(await freePort(), TOKEN, join(mkdtempSync(join(tmpdir(), 'backup-desk-stream-reopen-')), 'data'), {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'
    })
    await host.start()
    const connection = await rpc(request, 'connection/add', { name: 'Stream reopen e2e', baseUrl: emulator.url, apiKey: emulator.apiKey }, host.url, TOKEN)
    connectionId = connection.id
    await rpc(request, 'sync/run', {}, host.url, TOKEN)
  })

  test.afterEach(async ({ page }) => {
    await page.goto('about:blank')
    await host?.stop()
    await emulator?.close()
  })

  test('a stream refused with a 401 is opened again: the page reads what it missed, then follows events again', async ({ page, request }) => {
    await page.goto(`${host!.url}/?token=${TOKEN}#/fleet`)
    await expect(page.getByTestId('synced-at')).toContainText(/Synced \d\d:\d\d/)
    await waitForPreload(page)

    // From the restart on, the browser's first try to get the stream back is refused; the rest reach the host.
    let refusals = 0
    await page.route('**/events', async (route) => {
      if (refusals > 0) return route.continue()
      refusals += 1
      await route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":"unauthorized"}' })
    })
    const reopened = page.waitForResponse((response) => response.url().endsWith('/events') && response.status() === 200, { timeout: 20_000 })
    await host!.stop()
    await host!.start()
    await reopened
    expect(refusals).toBe(1)

    // The restarted host's start-up sync failed (no key) while the page had no stream: only the gap's reads show it.
    const failed = page.getByTestId('sync-failed')
    await expect(failed).toContainText(`Sync failed: ${CAUSE_TEXT['no-key']}`, { timeout: 15_000 })

    // A sync the page did not start is known to it only by its events: they come on the reopened stream.
    await rpc(request, 'connection/update-key', { id: connectionId, apiKey: emulator!.apiKey }, host!.url, TOKEN)
    await rpc(request, 'sync/run', {}, host!.url, TOKEN)
    await expect(page.getByTestId('synced-at')).toContainText(/Synced \d\d:\d\d/)
    await expect(failed).toHaveCount(0)
  })
})
