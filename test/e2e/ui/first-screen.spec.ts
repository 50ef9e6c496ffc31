import type { Page } from '@playwright/test'
import { test, expect, E2E_TOKEN } from '../fixtures.ts'
import { firstPageLimit } from '../../../src-renderer/lib/state/lanes-request.ts'
import { FleetPage } from '../pages/fleet-page.ts'
import { TimelinePage } from '../pages/timeline-page.ts'
import { type ConnectedEmulator, connectEmulator, disconnectEmulator } from '../support/emulator-connection.ts'
import { coreCallsSent } from '../support/rpc.ts'

/*
 * The first screen's read is sent by the page's first script, before the app's entry has run (first-screen.ts), and
 * the screen takes its answer instead of asking again (early-reads.ts). A window on the Fleet's list comes with its
 * first rows instead, drawn by the host (contract/first-paint.ts), which the app takes over.
 */

const DAY = 86_400_000
let demo: ConnectedEmulator | undefined

test.beforeAll(async ({ request }) => {
  demo = await connectEmulator(request, 'First screen e2e')
})

test.afterAll(async ({ request }) => {
  await disconnectEmulator(request, demo)
})

/** Holds the app's entry script back until the returned function is called: what is on screen meanwhile is the host's. */
async function holdAppEntry(page: Page): Promise<() => void> {
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  return release
}

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

test('a window opened on another screen than the Fleet asks for the keychain’s mode before its first screen’s read, once: the banner above the screen comes with the screen, not after it', async ({ page }) => {
  const reads = coreCallsSent(page)
  const timeline = new TimelinePage(page)
  await timeline.open()
  await expect(timeline.lanes.first()).toBeVisible()
  expect(reads.slice(0, 2)).toEqual(['keychain/status', 'timeline/lanes'])
  expect(reads.filter((read) => read === 'keychain/status')).toHaveLength(1)
})

test('a window opened on the Fleet comes with its first rows drawn by the host: they are on screen before any of the app’s code has run, and the app takes them over without reading them again', async ({ page }) => {
  const reads = coreCallsSent(page)
  const warnings: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text())
  })
  // The app's entry held back: what is on screen meanwhile is the host's.
  const release = await holdAppEntry(page)
  // Not waiting for the page's load, which waits for the held entry.
  await page.goto(`/?token=${E2E_TOKEN}#/fleet`, { waitUntil: 'commit' })
  const row = page.getByTestId('cluster-row').first()
  await expect(row).toBeVisible()
  await expect(page.getByTestId('fleet-summary')).toBeVisible()
  expect(await page.evaluate(() => document.getElementById('first-paint-data') !== null)).toBe(true)
  expect(reads).toEqual([])
  // The host's build scopes the components' classes as the page's stylesheets do: none it drew is unstyled.
  const unstyled = await page.evaluate(() => {
    const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n')
    const scoped = new Set([...document.querySelectorAll('#app [class]')].flatMap((element) => [...element.classList]).filter((name) => name.startsWith('svelte-')))
    return [...scoped].filter((name) => !rules.includes(`.${name}`))
  })
  expect(unstyled).toEqual([])
  // Inert until taken over: a box clicked now is not ticked, so nothing shows as selected that is not.
  const box = row.getByRole('checkbox')
  const place = await box.boundingBox()
  await page.mouse.click((place?.x ?? 0) + 4, (place?.y ?? 0) + 4)
  await expect(box).not.toBeChecked()
  release()
  // Taken over (hydrated): the same rows now answer the admin, and nothing asked for the first rows again.
  await expect.poll(() => page.evaluate(() => document.getElementById('first-paint-data') === null)).toBe(true)
  await expect(box).not.toBeChecked()
  await expect(page.getByTestId('selection-count')).toHaveText('No cluster selected')
  await box.check()
  await expect(page.getByTestId('selection-count')).toHaveText('1 cluster selected')
  await expect.poll(() => reads.includes('cluster/list')).toBe(true)
  expect(reads.filter((read) => read === 'cluster/list-window')).toEqual([])
  expect(warnings.filter((text) => /hydrat/i.test(text))).toEqual([])
})

test('a window whose address leaves the Fleet before the app’s code has run shows the screen it is on: the host’s drawing is dropped, not taken over', async ({ page }) => {
  const messages: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') messages.push(message.text())
  })
  const release = await holdAppEntry(page)
  await page.goto(`/?token=${E2E_TOKEN}#/fleet`, { waitUntil: 'commit' })
  await expect(page.getByTestId('cluster-row').first()).toBeVisible()
  // An address typed or a link from elsewhere, while the app's code is still on its way.
  await page.evaluate(() => (location.hash = '#/timeline'))
  release()
  const timeline = new TimelinePage(page)
  await expect(timeline.heading).toBeVisible()
  await expect(timeline.lanes.first()).toBeVisible()
  await expect(page.getByTestId('cluster-row')).toHaveCount(0)
  // The shell's own parts come too (they wait for the first screen's rows or lanes).
  await expect(page.getByTestId('app-version')).toBeVisible()
  expect(await page.evaluate(() => document.getElementById('app')?.inert)).toBe(false)
  expect(messages.filter((text) => /hydrat/i.test(text))).toEqual([])
})

/**
 * Notes, as the parser adds the host's first Fleet row (before the page's script after it runs: the parser empties
 * the microtask queue first), whether the app's element is displayed and whether the app's first script was already
 * asked for. Read back with `firstRowParsed`.
 */
async function noteFirstRowParsed(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      const app = document.getElementById('app')
      if (app?.querySelector('[data-testid="cluster-row"]') === null || app === null) return
      observer.disconnect()
      ;(window as unknown as { __firstRow?: unknown }).__firstRow = {
        display: getComputedStyle(app).display,
        isCodeAsked: document.querySelector('script[src*="early-start-"]') !== null
      }
    })
    observer.observe(document, { childList: true, subtree: true })
  })
}

const firstRowParsed = (page: Page): Promise<unknown> => page.evaluate(() => (window as unknown as { __firstRow?: unknown }).__firstRow)

test('a fresh window opened on another screen than the Fleet’s list never lays out the host’s first paint, asks for its code before the body is in, and shows its screen', async ({ page }) => {
  const messages: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') messages.push(message.text())
  })
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  await noteFirstRowParsed(page)
  const response = await page.goto(`/?token=${E2E_TOKEN}#/backups`)
  // A window with no cookie yet (a new tab, a link from elsewhere): the host cannot see the address's hash.
  expect(await response?.text()).toContain('id="first-paint-data"')
  expect(await firstRowParsed(page)).toEqual({ display: 'none', isCodeAsked: true })
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible()
  await expect(page.locator('[role="table"] [aria-rowindex="2"]')).toBeVisible()
  await expect(page.getByTestId('cluster-row')).toHaveCount(0)
  expect(await page.evaluate(() => [document.adoptedStyleSheets.length, document.getElementById('app')?.inert])).toEqual([0, false])
  // Each of the app's scripts was asked for once, the guard's and the page script's requests together.
  expect(scripts.length).toBeGreaterThan(0)
  expect(new Set(scripts).size).toBe(scripts.length)
  expect(messages).toEqual([])
})

test('a fresh window on the Fleet’s list lays out the host’s first paint before asking for the app’s code', async ({ page }) => {
  await noteFirstRowParsed(page)
  await page.goto(`/?token=${E2E_TOKEN}#/fleet`)
  await expect(page.getByTestId('cluster-row').first()).toBeVisible()
  expect(await firstRowParsed(page)).toEqual({ display: 'block', isCodeAsked: false })
})

test('a reload on another screen than the Fleet’s list comes without the host’s first paint, which it would drop; a reload on the list comes with it', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/fleet`)
  await expect(page.getByTestId('cluster-row').first()).toBeVisible()
  await page.evaluate(() => (location.hash = '#/timeline'))
  await expect(new TimelinePage(page).heading).toBeVisible()
  const onTimeline = await page.reload()
  expect(await onTimeline?.text()).not.toContain('id="first-paint-data"')
  await expect(new TimelinePage(page).lanes.first()).toBeVisible()
  await page.evaluate(() => (location.hash = '#/fleet'))
  await expect(page.getByTestId('cluster-row').first()).toBeVisible()
  const onFleet = await page.reload()
  expect(await onFleet?.text()).toContain('id="first-paint-data"')
  await expect(page.getByTestId('cluster-row').first()).toBeVisible()
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
    // The page's own (with the host's first paint, its script adds index.html's scripts and preloads), less the
    // screens' files that the idle preload has added since.
    const meta = JSON.parse(document.querySelector('meta[name="backup-desk-first-files"]')?.getAttribute('content') ?? '{}') as { screens: Record<string, string[]> }
    const screenFiles = new Set(Object.values(meta.screens).flat().map((file) => new URL(file, document.baseURI).href))
    const atStart = [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[rel="modulepreload"]')]
      .map((node) => ('src' in node ? node.src : node.href))
      .filter((file) => !screenFiles.has(file))
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
