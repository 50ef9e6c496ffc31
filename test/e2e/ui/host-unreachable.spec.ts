import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CAUSE_TEXT } from '#contract/causes'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { freePort } from '../support/free-port.ts'
import { HOST_STOP_ERRORS } from '../support/host-stop-errors.ts'
import { HostProcess } from '../support/host-process.ts'
import { rpc } from '../support/rpc.ts'

const TOKEN = 'host-unreachable-e2e-token'
/** The new host refusing the old page's requests. */
const REFUSED = /^Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/

/**
 * The top bar says what is true about the browser host (src-renderer/lib/core-client/host-reachability.ts): while it
 * is stopped, not "Synced hh:mm" but that it does not answer, with the last sync as last known; once it is back, the
 * sync status is read again and shown.
 */
test.describe('the top bar while the browser host is stopped', () => {
  test.describe.configure({ timeout: 60_000 })
  // The stopping host cuts the page's event stream mid-response and resets the reads then under way (the shell's and
  // the idle preload's), and the browser's reconnections are refused while it is down. Nothing else may fail.
  test.use({ allowedConsoleErrors: [HOST_STOP_ERRORS] })
  let emulator: RunningEmulator | null = null
  let host: HostProcess | null = null

  test.beforeEach(async ({ request }) => {
    emulator = await startEmulator({ seed: 'demo' })
    // No D-Bus session: keys live in memory only, so the restarted host's start-up sync fails (no key): the page
    // must show that new status, not the one it knew before.
    host = new HostProcess(await freePort(), TOKEN, join(mkdtempSync(join(tmpdir(), 'backup-desk-host-unreachable-')), 'data'), {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'
    })
    await host.start()
    await rpc(request, 'connection/add', { name: 'Host unreachable e2e', baseUrl: emulator.url, apiKey: emulator.apiKey }, host.url, TOKEN)
    await rpc(request, 'sync/run', {}, host.url, TOKEN)
  })

  test.afterEach(async ({ page }) => {
    await page.goto('about:blank')
    await host?.stop()
    await emulator?.close()
  })

  test('says the host is unreachable with the last sync time, no "Synced", and shows the status read anew once it is back', async ({ page }) => {
    await page.goto(`${host!.url}/?token=${TOKEN}#/fleet`)
    const syncedAt = page.getByTestId('synced-at')
    await expect(syncedAt).toHaveText(/^Synced \d\d:\d\d$/)
    const lastSynced = (await syncedAt.textContent())!.replace('Synced ', '')
    const syncNow = page.getByRole('button', { name: 'Sync now' })
    await expect(syncNow).toBeEnabled()

    await host!.stop()
    const unreachable = page.getByTestId('host-unreachable')
    await expect(unreachable).toHaveText(`Host unreachable — retrying · last synced ${lastSynced}`)
    await expect(syncedAt).toHaveCount(0)
    await expect(syncNow).toBeDisabled()

    await host!.start()
    await expect(unreachable).toHaveCount(0, { timeout: 20_000 })
    await expect(page.getByTestId('sync-failed')).toContainText(`Sync failed: ${CAUSE_TEXT['no-key']}`)
    await expect(syncNow).toBeEnabled()
  })
})

test.describe('the top bar once the browser host runs again with a new session token', () => {
  test.describe.configure({ timeout: 60_000 })
  // As above, plus the new host's refusals of the old page (what this test is about).
  test.use({ allowedConsoleErrors: [new RegExp(`${HOST_STOP_ERRORS.source}|${REFUSED.source}`)] })
  let emulator: RunningEmulator | null = null
  const hosts: HostProcess[] = []

  test.afterEach(async ({ page }) => {
    await page.goto('about:blank')
    for (const host of hosts.splice(0)) await host.stop()
    await emulator?.close()
  })

  test('says the page must be opened at the new address, not that the host is unreachable, and "Sync now" stays off', async ({ page, request }) => {
    emulator = await startEmulator({ seed: 'demo' })
    const dataDir = join(mkdtempSync(join(tmpdir(), 'backup-desk-host-session-')), 'data')
    const first = new HostProcess(await freePort(), TOKEN, dataDir, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' })
    hosts.push(first)
    await first.start()
    await rpc(request, 'connection/add', { name: 'Host session e2e', baseUrl: emulator.url, apiKey: emulator.apiKey }, first.url, TOKEN)
    await rpc(request, 'sync/run', {}, first.url, TOKEN)
    await page.goto(`${first.url}/?token=${TOKEN}#/fleet`)
    await expect(page.getByTestId('synced-at')).toHaveText(/^Synced \d\d:\d\d$/)

    await first.stop()
    await expect(page.getByTestId('host-unreachable')).toBeVisible()
    const second = new HostProcess(first.port, `${TOKEN}-new`, dataDir, first.env)
    hosts.push(second)
    await second.start()
    const ended = page.getByTestId('host-session-ended')
    await expect(ended).toContainText('Backup Desk was restarted — open the address it printed', { timeout: 20_000 })
    await expect(page.getByTestId('host-unreachable')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Sync now' })).toBeDisabled()
  })
})
