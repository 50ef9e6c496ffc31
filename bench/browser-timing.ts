import { chromium, type Browser, type Page, type Request } from 'playwright-core'

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

// Runs in the page before any of its scripts: notes when `selector` is first painted, from navigation start.
const paintProbe = (selector: string): string => `(() => {
  const poll = () => {
    if (document.querySelector(${JSON.stringify(selector)}) !== null) {
      requestAnimationFrame(() => setTimeout(() => { window.__benchPainted = performance.now() }))
    } else requestAnimationFrame(poll)
  }
  requestAnimationFrame(poll)
})()`

export type PageLoad = {
  ms: number
  /** `selectors.count` elements once every core call the page had sent by then has been answered (the final screen). */
  count: number
  /** The core calls (`noun/verb`) the page sent until then, in the order sent: a screen mounted twice sends its reads twice. */
  rpcs: string[]
}

/**
 * A fresh page in a fresh browser context (empty HTTP cache): navigation start → `selectors.painted` painted, and
 * how many `selectors.count` elements the DOM holds once the page's core calls are answered (a screen that mounted
 * afresh after its first paint is counted as it ends up). `inspect` may measure more on the loaded page.
 */
export async function freshPageLoad(
  browser: Browser,
  url: string,
  selectors: { painted: string; count: string },
  inspect?: (page: Page) => Promise<void>
): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
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
    await page.addInitScript(paintProbe(selectors.painted))
    await page.goto(url)
    const ms = await page.evaluate<number>(`new Promise((done) => {
      const wait = () => (window.__benchPainted === undefined ? setTimeout(wait, 5) : done(window.__benchPainted))
      wait()
    })`)
    // Each answer may start more work (a remount and its reads): settled once two frames pass with nothing pending.
    for (let quiet = 0; quiet < 2; ) {
      await page.evaluate(`new Promise((done) => requestAnimationFrame(() => setTimeout(done)))`)
      quiet = pending.size === 0 ? quiet + 1 : 0
    }
    const count = await page.locator(selectors.count).count()
    if (inspect !== undefined) await inspect(page)
    return { ms, count, rpcs: [...rpcs] }
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
