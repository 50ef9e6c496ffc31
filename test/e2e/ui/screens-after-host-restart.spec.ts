import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures.ts'
import { DraftsPage } from '../pages/drafts-page.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { freePort } from '../support/free-port.ts'
import { HOST_STOP_ERRORS } from '../support/host-stop-errors.ts'
import { HostProcess } from '../support/host-process.ts'
import { repoRoot, screenshotPath } from '../support/paths.ts'
import { rpc } from '../support/rpc.ts'

const TOKEN = 'screens-after-restart-e2e-token'
const NOT_LOADED = 'This screen could not be loaded'

/**
 * Every screen but the Fleet is a chunk of its own (src-renderer/sections.ts). One that could not be fetched while the
 * host was down must load once the host is back, on the next visit, without reloading the window.
 */
test.describe('a screen whose code could not be fetched while the host was down', () => {
  test.describe.configure({ timeout: 60_000 })
  // The stopping host cuts the page's event stream mid-response, and the chunk's fetch is refused; nothing else may fail.
  test.use({ allowedConsoleErrors: [HOST_STOP_ERRORS] })
  let emulator: RunningEmulator | null = null
  let host: HostProcess | null = null

  test.beforeEach(async ({ request }) => {
    emulator = await startEmulator({ seed: 'demo' })
    host = new HostProcess(await freePort(), TOKEN, join(mkdtempSync(join(tmpdir(), 'backup-desk-screens-restart-')), 'data'), {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'
    })
    await host.start()
    await rpc(request, 'connection/add', { name: 'Screens restart e2e', baseUrl: emulator.url, apiKey: emulator.apiKey }, host.url, TOKEN)
  })

  test.afterEach(async ({ page }) => {
    await page.goto('about:blank')
    await host?.stop()
    await emulator?.close()
  })

  /**
   * Opens the Fleet and holds every chunk the page asks for beyond the entry's own files (those index.html names)
   * until `release`, and stops the host once the idle preload asks for its first: no fetch is under way when the host
   * stops, so each one is refused, never cut. The hold is in place before the page loads: the preload starts as soon
   * as the Fleet has its answers (src-renderer/lib/idle-preload.ts), which may come before the test sees the heading.
   */
  async function openFleetThenStopHost(page: Page): Promise<{ release: () => void }> {
    const entry = new Set(readFileSync(join(repoRoot(), 'out/renderer/index.html'), 'utf8').match(/\/assets\/[^"']+/g) ?? [])
    let release!: () => void
    let wasRequested!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const requested = new Promise<void>((resolve) => (wasRequested = resolve))
    await page.route(/\/assets\/[^/]*$/, async (route) => {
      if (entry.has(new URL(route.request().url()).pathname)) {
        await route.continue()
        return
      }
      wasRequested()
      await released
      await route.continue()
    })
    await page.goto(`${host!.url}/?token=${TOKEN}#/fleet`)
    await new FleetPage(page).heading.waitFor()
    await requested
    await host!.stop()
    return { release }
  }

  /** The Drafts screen is shown with its styles: the rules of its stylesheet are in the page. */
  async function expectDraftsShown(page: Page): Promise<void> {
    await expect(new DraftsPage(page).heading).toBeVisible()
    await expect(page.getByRole('alert').filter({ hasText: NOT_LOADED })).toHaveCount(0)
    const rules = (): Promise<number> =>
      page.evaluate(() => [...document.styleSheets].filter((sheet) => sheet.href?.includes('/assets/DraftsPage-') === true).reduce((n, sheet) => n + sheet.cssRules.length, 0))
    await expect.poll(rules).toBeGreaterThan(0)
  }

  test('a screen the idle preload could not fetch while the host was down opens once it is back, with its styles', async ({ page }) => {
    // The preload's fetch of each screen's code, the Drafts' too, reaches a stopped host.
    const refused = page.waitForEvent('requestfailed', (request) => /\/assets\/DraftsPage-[^/]*\.js$/.test(request.url()))
    const { release } = await openFleetThenStopHost(page)
    release()
    await refused

    await host!.start()
    await page.getByRole('link', { name: 'Drafts' }).click()
    await expectDraftsShown(page)
  })

  test('a screen opened while the host was down says so, and "Try again" opens it once the host is back, with no reload', async ({ page }) => {
    const { release } = await openFleetThenStopHost(page)
    release()
    await page.getByRole('link', { name: 'Drafts' }).click()
    const notLoaded = page.getByRole('alert').filter({ hasText: NOT_LOADED })
    await expect(notLoaded).toBeVisible()
    await page.getByRole('main').screenshot({ path: screenshotPath('screen-not-loaded.png') })

    await host!.start()
    await notLoaded.getByRole('button', { name: 'Try again' }).click()
    await expectDraftsShown(page)
  })
})
