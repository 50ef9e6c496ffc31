import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CAUSE_TEXT } from '#contract/causes'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { test, expect } from '../fixtures.ts'
import { freePort } from '../support/free-port.ts'
import { HostProcess } from '../support/host-process.ts'
import { screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

const TOKEN = 'sync-state-e2e-token'

test.describe('the top bar tells the truth about the active connection\'s sync', () => {
  test.describe.configure({ timeout: 120_000 })
  let emulator: RunningEmulator | null = null
  let host: HostProcess | null = null

  test.beforeEach(async () => {
    emulator = await startEmulator({ seed: 'demo' })
    // No D-Bus session: keys live in memory only, so a restart loses them.
    host = new HostProcess(await freePort(), TOKEN, join(mkdtempSync(join(tmpdir(), 'backup-desk-sync-state-')), 'data'), {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'
    })
    await host.start()
  })

  test.afterEach(async ({ page }) => {
    await page.goto('about:blank')
    await host?.stop()
    await emulator?.close()
  })

  test('never shows "Synced" after the last sync failed: it names the cause as the toast does, and offers Enter key', async ({ page, request }) => {
    await rpc(request, 'connection/add', { name: 'Sync state e2e', baseUrl: emulator!.url, apiKey: emulator!.apiKey }, host!.url, TOKEN)
    await rpc(request, 'sync/run', {}, host!.url, TOKEN)
    await page.goto(`${host!.url}/?token=${TOKEN}#/fleet`)
    await expect(page.getByTestId('synced-at')).toContainText(/Synced \d\d:\d\d/)

    await page.goto('about:blank')
    await host!.stop()
    await host!.start()
    await page.goto(`${host!.url}/?token=${TOKEN}#/fleet`)
    await page.getByRole('button', { name: 'Sync now' }).click()

    const failed = page.getByTestId('sync-failed')
    await expect(failed).toContainText(`Sync failed: ${CAUSE_TEXT['no-key']}`)
    await expect(failed).toContainText(/Last synced \d\d:\d\d\./)
    await expect(page.getByTestId('synced-at')).toHaveCount(0)
    await expect(page.getByTestId('toast').filter({ hasText: CAUSE_TEXT['no-key'] })).toBeVisible()
    await page.getByRole('banner').screenshot({ path: screenshotPath('top-bar-sync-failed.png') })
    // The connection row words the same cause with the same sentence.
    await page.goto(`${host!.url}/?token=${TOKEN}#/settings`)
    const row = page.getByRole('listitem', { name: 'Sync state e2e' })
    await expect(row).toContainText(`sync failed: ${CAUSE_TEXT['no-key']}`)
    await page.goto(`${host!.url}/?token=${TOKEN}#/fleet`)

    await page.getByRole('banner').getByRole('button', { name: 'Enter key' }).click()
    const dialog = page.getByRole('dialog', { name: 'Enter the API key of Sync state e2e' })
    await dialog.getByLabel('API key').fill(emulator!.apiKey)
    await dialog.getByRole('button', { name: 'Check and store key' }).click()
    await expect(dialog).toHaveCount(0)
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect(page.getByTestId('synced-at')).toContainText(/Synced \d\d:\d\d/)
    await expect(failed).toHaveCount(0)
  })
})
