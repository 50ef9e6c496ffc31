import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures.ts'
import { firstPageLimit } from '../../../src-renderer/lib/state/lanes-request.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { TimelinePage } from '../pages/timeline-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { coreCallsSent } from '../support/rpc.ts'

/*
 * The first screen's read is sent by the page's first script, before the app's entry has run (first-screen.ts), and
 * the screen takes its answer instead of asking again (early-reads.ts).
 */

const DAY = 86_400_000
let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'First screen e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

/** The bodies of the page's `timeline/lanes` requests, in the order sent. */
function lanesReads(page: Page): string[] {
  const bodies: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/rpc/timeline/lanes') bodies.push(request.postData() ?? '')
  })
  return bodies
}

test('a window opened on the Timeline reads its first lanes once: the picture takes the answer the first script asked for', async ({ page }) => {
  const reads = lanesReads(page)
  const timeline = new TimelinePage(page)
  await timeline.open()
  await expect(timeline.lanes.first()).toBeVisible()
  // Once the first lanes are drawn the picture asks for the margins around the view: a wider range, a read of its own.
  await expect.poll(() => reads.length).toBeGreaterThanOrEqual(2)
  const asked = reads.map((body) => JSON.parse(body) as { from: string; to: string; offset: number })
  const span = (read: { from: string; to: string }): number => Date.parse(read.to) - Date.parse(read.from)
  // The view alone (21 days) was asked for once, by the first script; an own read of the picture would be a second.
  expect(asked.filter((read) => read.offset === 0 && span(read) === 21 * DAY)).toHaveLength(1)
  // It asked for the lanes the first frame shows in this window, no more (the rest of the page came with the margins).
  const windowHeight = await page.evaluate(() => window.innerHeight)
  expect(asked[0]).toMatchObject({ offset: 0, limit: firstPageLimit(windowHeight) })
  expect(firstPageLimit(windowHeight)).toBeLessThan(25)
  expect(span(asked[1] ?? asked[0] ?? { from: '', to: '' })).toBeGreaterThan(21 * DAY)
})

test('a window opened on the Timeline’s list or on another screen sends no early lanes read', async ({ page }) => {
  const reads = lanesReads(page)
  const timeline = new TimelinePage(page)
  await timeline.openList()
  await expect(timeline.days.first()).toBeVisible()
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.heading).toBeVisible()
  expect(reads).toEqual([])
})

/** The screens' code the page's first script asked for: its preloads (Vite's own preloads of an `import()` say `as`). */
function screenCodeAskedFirst(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('link')]
      .filter((link) => /Page-[^/]+\.(js|css)$/.test(link.href) && (link.rel === 'modulepreload' ? !link.hasAttribute('as') : link.rel === 'preload'))
      .map((link) => `${link.rel} ${new URL(link.href).pathname.replace(/-[\w-]+\./, '.')}`)
  )
}

test('a window opened on the Timeline asks for the screen’s code with its first script, and fetches each file of it once', async ({ page }) => {
  const fetched: string[] = []
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (/\/TimelinePage-/.test(path)) fetched.push(path)
  })
  const timeline = new TimelinePage(page)
  await timeline.open()
  await expect(timeline.lanes.first()).toBeVisible()
  expect(await screenCodeAskedFirst(page)).toEqual(['modulepreload /assets/TimelinePage.js', 'preload /assets/TimelinePage.css'])
  // The screen's import (sections.ts) found its script asked for and took the stylesheet's response: no second fetch.
  expect(fetched.filter((path) => path.endsWith('.js'))).toHaveLength(1)
  expect(new Set(fetched).size).toBe(fetched.length)
  // The screen's import added the stylesheet itself, which took the preload's response.
  await expect(page.locator('link[rel="stylesheet"][href*="TimelinePage-"]')).toHaveCount(1)
})

test('the first read waits for one script, and the Timeline’s code beyond the app’s entry is two scripts', async ({ page }) => {
  const timeline = new TimelinePage(page)
  await timeline.open()
  await expect(timeline.lanes.first()).toBeVisible()
  const built = await page.evaluate(async () => {
    const meta = document.querySelector('meta[name="backup-desk-first-files"]')?.getAttribute('content') ?? '{}'
    const files = JSON.parse(meta) as { start?: string; screens?: Record<string, string[]> }
    const start = files.start === undefined ? '' : await (await fetch(files.start)).text()
    return { start, timeline: files.screens?.['timeline'] ?? [] }
  })
  // The module the first script imports sends the first read: a chunk of its own imports would be fetched after it.
  // It imports only the first script's chunk (the request's shape, host-requests.ts), which is running already.
  expect(built.start).toContain('startFirstScreen')
  expect([...built.start.matchAll(/(?:from|import)\s*["'](\.\/[^"']+)["']/g)].map((found) => found[1])).toEqual([
    expect.stringMatching(/^\.\/early-start-[\w-]+\.js$/)
  ])
  // The screen's chunk and the one it shares with the other screens (links, the segmented choice), each with its styles.
  expect(built.timeline.filter((file) => file.endsWith('.js'))).toHaveLength(2)
  expect(built.timeline.filter((file) => file.endsWith('.css'))).toHaveLength(2)
})

test('a window opened on the Fleet asks for no screen’s code first: the Fleet is in the app’s entry', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.heading).toBeVisible()
  expect(await screenCodeAskedFirst(page)).toEqual([])
})

test('a window asks for the keychain’s mode before its first screen’s read, once: the banner above the screen comes with the screen, not after it', async ({ page }) => {
  const reads = coreCallsSent(page)
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.heading).toBeVisible()
  await expect.poll(() => reads.includes('cluster/list')).toBe(true)
  expect(reads.slice(0, 2)).toEqual(['keychain/status', 'cluster/list-window'])
  expect(reads.filter((read) => read === 'keychain/status')).toHaveLength(1)
})

test('a window opened on the Fleet sends its first reads with its first script, before any other of the app’s code has come, and reads its rows once', async ({ page }) => {
  const reads = coreCallsSent(page)
  // The module that started the first reads before (first-screen.ts), and with it the app's entry, held back until
  // the reads have left: they can only have left from the first script.
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/first-screen-[\w-]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  const fleet = new FleetPage(page)
  const opened = fleet.open()
  await expect.poll(() => reads.slice(0, 2)).toEqual(['keychain/status', 'cluster/list-window'])
  release()
  await opened
  await expect(page.getByTestId('cluster-row').first()).toBeVisible()
  await expect.poll(() => reads.includes('cluster/list')).toBe(true)
  // The Fleet and the shell took the first script's answers: neither asked again.
  expect(reads.filter((read) => read === 'cluster/list-window')).toHaveLength(1)
  expect(reads.filter((read) => read === 'keychain/status')).toHaveLength(1)
})

/** Once the shell shows its own parts: it asked for them (app/info) after the page noted its screen drawn (`__drawnAt`). */
async function expectShellReadAfterScreenDrawn(page: Page): Promise<void> {
  await expect(page.getByTestId('app-version')).toBeVisible()
  const order = await page.evaluate(() => ({
    drawnAt: (window as unknown as { __drawnAt?: number }).__drawnAt ?? Number.NaN,
    infoAt: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/rpc/app/info'))?.startTime ?? Number.NaN
  }))
  expect(order.infoAt).toBeGreaterThan(order.drawnAt)
}

test('the shell reads its own parts only once the Fleet has drawn its first rows, and then shows them', async ({ page }) => {
  await page.addInitScript(`new MutationObserver((changes, observer) => {
    if (document.querySelector('[data-testid="cluster-row"]') !== null) { window.__drawnAt = performance.now(); observer.disconnect() }
  }).observe(document, { subtree: true, childList: true })`)
  await new FleetPage(page).open()
  await expectShellReadAfterScreenDrawn(page)
})

test('the shell reads its own parts only once the Timeline has drawn its first lanes, and then shows them', async ({ page }) => {
  // When the lanes' canvas first says it drew marks (data-drawn, set as it draws), from navigation start.
  await page.addInitScript(`new MutationObserver((changes, observer) => {
    if (changes.some((change) => change.target.getAttribute?.('data-drawn') > '0')) { window.__drawnAt = performance.now(); observer.disconnect() }
  }).observe(document, { subtree: true, attributeFilter: ['data-drawn'] })`)
  await new TimelinePage(page).open()
  await expectShellReadAfterScreenDrawn(page)
})

test('the code a fresh page runs at once and the Timeline’s start with V8’s compile hint, and the screens preloaded in idle time do not', async ({ page }) => {
  const fleet = new FleetPage(page)
  await fleet.open()
  await expect(fleet.heading).toBeVisible()
  // Each script's first line, as the host serves it: Chromium reads the hint only there (electron.vite.config.ts).
  const firstLines = await page.evaluate(async () => {
    const html = new DOMParser().parseFromString(await (await fetch('./')).text(), 'text/html')
    const atStart = [...html.querySelectorAll('script[src], link[rel="modulepreload"]')].map((node) => node.getAttribute('src') ?? node.getAttribute('href') ?? '')
    const meta = JSON.parse(html.querySelector('meta[name="backup-desk-first-files"]')?.getAttribute('content') ?? '{}') as { screens: Record<string, string[]> }
    const firstLine = async (file: string): Promise<string> => `${file}: ${((await (await fetch(file)).text()).split('\n', 1)[0] ?? '').slice(0, 40)}`
    const linesOf = async (files: readonly string[]): Promise<string[]> => Promise.all(files.filter((file) => file.endsWith('.js')).map(firstLine))
    return { atStart: await linesOf(atStart), timeline: await linesOf(meta.screens['timeline'] ?? []), settings: await linesOf(meta.screens['settings'] ?? []) }
  })
  const hinted = (line: string): boolean => line.endsWith(': //# allFunctionsCalledOnLoad')
  expect(firstLines.atStart.length).toBeGreaterThanOrEqual(3)
  expect(firstLines.atStart.filter((line) => !hinted(line))).toEqual([])
  expect(firstLines.timeline.length).toBeGreaterThan(0)
  expect(firstLines.timeline.filter((line) => !hinted(line))).toEqual([])
  expect(firstLines.settings.length).toBeGreaterThan(0)
  expect(firstLines.settings.filter(hinted)).toEqual([])
})
