import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core'
import { median, type BenchResult } from './lib.ts'

/*
 * Browser timing shared by the UI benchmarks (ui-fleet, timeline): a fresh page's first paint of a selector, and
 * the frame intervals while an interaction runs. Chromium is Debian's, as in the e2e tests.
 */

export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
  })
}

/**
 * How a page to be measured is opened: in a window of the browser that has settled (the browser built the window's own
 * UI before the page opened), or in a window opened with it ('first window', the measure before 2026-11-30).
 */
export type WindowStart = 'settled' | 'first window'

/** The browser's processes are quiet once two steps in a row use at most this much CPU between them (10 % of a core). */
const QUIET_STEP_MS = 250
const QUIET_CPU_MS = 25
/** The longest a window is waited for: a busy machine may never look quiet. */
const SETTLE_LIMIT_MS = 10_000

/** Resolves once `browser`'s processes (every one it reports, renderers included) have gone quiet, or at the limit. */
async function browserSettled(browser: Browser): Promise<void> {
  const session = await browser.newBrowserCDPSession()
  try {
    const cpuMs = async (): Promise<number> =>
      (await session.send('SystemInfo.getProcessInfo')).processInfo.reduce((sum, process) => sum + process.cpuTime, 0) * 1000
    const until = Date.now() + SETTLE_LIMIT_MS
    let last = await cpuMs()
    for (let quiet = 0; quiet < 2 && Date.now() < until; ) {
      await new Promise((done) => setTimeout(done, QUIET_STEP_MS))
      const now = await cpuMs()
      quiet = now - last <= QUIET_CPU_MS ? quiet + 1 : 0
      last = now
    }
  } finally {
    await session.detach()
  }
}

/**
 * A window of `browser` to open measured pages in: a fresh context (empty HTTP cache, no compiled code of ours), with a
 * blank tab, once the browser has settled after opening it (`start`, by default).
 * Why settled: headless Chromium builds each new window's own UI (the omnibox popup, a renderer of its own) in the
 * 1.5–2.5 s after the window opens, ≈ 1.4 s of CPU, and the browser process ≈ 0.5 s more (SystemInfo.getProcessInfo,
 * /proc). On 2 cores, a page opened with the window shared them with that work: the host, starved, answered a 10 ms
 * read after 100–200 ms. Electron's window has no such UI, and a browser user's window was opened before the app. The
 * blank tab loads nothing of ours, so the page is still cold: a fresh renderer, nothing cached, nothing compiled.
 */
export async function openWindow(browser: Browser, start: WindowStart = 'settled'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  if (start === 'settled') {
    await context.newPage()
    await browserSettled(browser)
  }
  return context
}

/** How many times a cold path is measured: one sample swung 455–930 ms from run to run on a loaded machine. */
export const COLD_RUNS = 5

/**
 * `measure` in each of `runs` browsers launched for it, each closed after: every sample is a fresh browser process's
 * first page of ours (no HTTP cache, no code cache, nothing warmed; its window opened as `measure` asks, openWindow).
 * The host is the same: only the first sample is also the host's first after its sync, which each figure's notes say.
 */
export async function inFreshBrowsers<T>(measure: (browser: Browser) => Promise<T>, runs = COLD_RUNS): Promise<T[]> {
  const samples: T[] = []
  for (let run = 0; run < runs; run++) {
    const browser = await launchBenchBrowser()
    try {
      samples.push(await measure(browser))
    } finally {
      await browser.close()
    }
  }
  return samples
}

/** A cold figure's notes: each sample in order, the first being also the host's first after its sync. */
export function coldSamples(samples: readonly number[], start: WindowStart = 'settled'): string {
  const where = start === 'settled' ? 'fresh browsers, each page in a window that had settled' : "fresh browsers' first windows"
  return `median of ${samples.length} ${where}: ${samples.map((ms) => ms.toFixed(1)).join(', ')} ms (the first also the host's first after its sync)`
}

/** A cold figure measured in browsers' first windows (`samples`, ms): for comparison with the settled one, no target. */
export function firstWindowResult(name: string, samples: readonly number[]): BenchResult {
  return {
    name: `${name}, in the browser's first window (its own UI built beside the page; for comparison)`,
    value: median(samples),
    unit: 'ms',
    notes: coldSamples(samples, 'first window')
  }
}

/*
 * Runs in the page before any of its scripts: notes when `selector` is first painted, from navigation start. The
 * frame callback that first finds it starts the frame that paints it (__benchFramed); the paint is noted once the
 * frame after that one has begun and a task has run, so the figure also holds what the page ran between the two
 * frames (work a screen does once it is painted, a script evaluated then). `own`, when given, is noted the same way
 * (__benchOwnPainted): what the app's own code has drawn, as against the host's first paint.
 */
export const paintProbe = (selector: string, own?: string): string => `(() => {
  const watch = (selector, framed, painted) => {
    const poll = () => {
      if (document.querySelector(selector) !== null) {
        if (framed !== null) window[framed] = performance.now()
        requestAnimationFrame(() => setTimeout(() => { window[painted] = performance.now() }))
      } else requestAnimationFrame(poll)
    }
    requestAnimationFrame(poll)
  }
  watch(${JSON.stringify(selector)}, '__benchFramed', '__benchPainted')
  if (${JSON.stringify(own ?? null)} !== null) watch(${JSON.stringify(own ?? null)}, null, '__benchOwnPainted')
})()`

/** When the page noted `key` (a paint probe's `__benchPainted` or `__benchOwnPainted`), from navigation start. */
export function paintNoted(page: Page, key: '__benchPainted' | '__benchOwnPainted'): Promise<number> {
  return page.evaluate<number>(`new Promise((done) => {
    const wait = () => (window.${key} === undefined ? setTimeout(wait, 5) : done(window.${key}))
    wait()
  })`)
}

/**
 * A page script: a visit to another screen of the loaded page (`hash`), from the hash change (performance mark
 * `visit`) until `selector` is painted and the frame after has begun, in ms. It fails when `selector` is on screen
 * before the visit: the figure would time nothing.
 */
export function visitScript(hash: string, selector: string): string {
  return `new Promise((done, fail) => {
  if (document.querySelector(${JSON.stringify(selector)}) !== null) fail(new Error('${hash} is still on screen'))
  const start = performance.mark('visit').startTime
  location.hash = ${JSON.stringify(hash)}
  const poll = () => {
    if (document.querySelector(${JSON.stringify(selector)}) !== null) {
      requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)))
    } else requestAnimationFrame(poll)
  }
  poll()
})`
}

export type PageLoad = {
  ms: number
  /** When the frame that first paints `selectors.painted` began (its frame callback), from navigation start: `ms` comes later. */
  frameMs: number
  /** When the answer to the page's first `answer` core call (e.g. 'timeline/lanes') was in, from navigation start; null if none. */
  answerMs: number | null
  /** When `selectors.own` was painted, from navigation start (the app's own code's rows, not the host's first paint); null if not asked. */
  ownMs: number | null
  /** `selectors.count` elements once every core call the page had sent by then has been answered (the final screen). */
  count: number
  /** The core calls (`noun/verb`) the page sent until then, in the order sent: a screen mounted twice sends its reads twice. */
  rpcs: string[]
}

/**
 * A fresh page in a fresh browser window (openWindow: empty HTTP cache): navigation start → `selectors.painted` painted, and
 * how many `selectors.count` elements the DOM holds once the page's core calls are answered (a screen that mounted
 * afresh after its first paint is counted as it ends up), with when the frame painting it began and when the answer to
 * the page's first `selectors.answer` call was in. `inspect` may measure more on the loaded page.
 */
export async function freshPageLoad(
  browser: Browser,
  url: string,
  selectors: { painted: string; count: string; answer?: string; own?: string },
  inspect?: (page: Page) => Promise<void>,
  start: WindowStart = 'settled'
): Promise<PageLoad> {
  const context = await openWindow(browser, start)
  try {
    const page = await context.newPage()
    const rpcs: string[] = []
    const pending = new Set<Request>()
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (!path.startsWith('/rpc/')) return
      rpcs.push(path.slice('/rpc/'.length))
      pending.add(request)
    })
    page.on('requestfinished', (request) => pending.delete(request))
    page.on('requestfailed', (request) => pending.delete(request))
    await page.addInitScript(paintProbe(selectors.painted, selectors.own))
    await page.goto(url)
    const ms = await paintNoted(page, '__benchPainted')
    const ownMs = selectors.own === undefined ? null : await paintNoted(page, '__benchOwnPainted')
    // Each answer may start more work (a remount and its reads): settled once two frames pass with nothing pending.
    for (let quiet = 0; quiet < 2; ) {
      await page.evaluate(`new Promise((done) => requestAnimationFrame(() => setTimeout(done)))`)
      quiet = pending.size === 0 ? quiet + 1 : 0
    }
    const count = await page.locator(selectors.count).count()
    const frameMs = await page.evaluate<number>('window.__benchFramed')
    const answer = selectors.answer === undefined ? null : JSON.stringify(`/rpc/${selectors.answer}`)
    const answerMs = answer === null ? null : await page.evaluate<number | null>(`performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === ${answer})?.responseEnd ?? null`)
    if (inspect !== undefined) await inspect(page)
    return { ms, ownMs, frameMs, answerMs, count, rpcs: [...rpcs] }
  } finally {
    await context.close()
  }
}

/** The intervals between animation frames (ms) while `action` runs: a repaint that overruns a frame shows as a long one. */
export async function frameIntervals(page: Page, action: () => Promise<void>): Promise<number[]> {
  // Each run's loop has its own id: a loop of an earlier run whose last frame is still pending stops instead of
  // pushing a second timestamp per frame into this run's list.
  await page.evaluate(`(() => {
    const loop = (window.__benchFrameLoop ?? 0) + 1
    const frames = []
    window.__benchFrames = frames
    window.__benchFrameLoop = loop
    const tick = (t) => { if (window.__benchFrameLoop !== loop) return; frames.push(t); requestAnimationFrame(tick) }
    requestAnimationFrame(tick)
  })()`)
  await action()
  const frames = await page.evaluate<number[]>(`new Promise((done) => requestAnimationFrame(() => {
    const frames = window.__benchFrames
    window.__benchFrameLoop += 1
    done(frames)
  }))`)
  return frames.slice(1).map((t, i) => t - (frames[i] ?? t))
}

/**
 * The Fleet's rows as the app's own code draws them: the host's first paint (contract/first-paint.ts) has been taken
 * over. Until then the drawn rows are inert, so an admin's click (a row, a box, another screen) starts from here.
 */
export const OWN_FLEET_ROW = 'body:not(:has(#first-paint-data)) #app [data-testid="cluster-row"]'

const BARE_SELECTOR = '#bare'
const BARE_PAGE = '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>bare</title></head><body><p id="bare">Backup Desk</p></body></html>'

/**
 * A page of one paragraph, served by a plain HTTP server of the bench's own: what any fresh page costs this machine
 * and this Chromium before our code runs, measured with the same probe (the UI figures' `node -e 0`). Its pages are
 * loaded between the app's, so that both see the same load.
 */
export async function startBarePage(): Promise<{ load(browser: Browser): Promise<number>; close(): Promise<void> }> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BARE_PAGE))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return {
    load: async (browser) => (await freshPageLoad(browser, url, { painted: BARE_SELECTOR, count: BARE_SELECTOR })).ms,
    close: () => new Promise((done) => server.close(() => done()))
  }
}

/** The bare page's median beside the app's, and their ratio: the part of a figure that is the machine's, not ours. */
export function bareScale(what: string, warm: readonly number[], bare: readonly number[]): BenchResult[] {
  return [
    { name: `a bare page's first paint, same Chromium and probe (median of ${bare.length})`, value: Math.round(median(bare)), unit: 'ms', notes: 'for scale: what any fresh page costs this machine' },
    { name: `${what} ÷ bare page (warm medians)`, value: median(warm) / median(bare), unit: '×', notes: 'what our page adds to a bare one; survives a slower machine better than the milliseconds' }
  ]
}
