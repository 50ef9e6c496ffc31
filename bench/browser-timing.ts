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

/*
 * Runs in the page before any of its scripts: notes when `selector` is first painted, from navigation start. The
 * frame callback that first finds it starts the frame that paints it (__benchFramed); the paint is noted once the
 * frame after that one has begun and a task has run, so the figure also holds what the page ran between the two
 * frames (work a screen does once it is painted, a script evaluated then).
 */
const paintProbe = (selector: string): string => `(() => {
  const poll = () => {
    if (document.querySelector(${JSON.stringify(selector)}) !== null) {
      window.__benchFramed = performance.now()
      requestAnimationFrame(() => setTimeout(() => { window.__benchPainted = performance.now() }))
    } else requestAnimationFrame(poll)
  }
  requestAnimationFrame(poll)
})()`

export type PageLoad = {
  ms: number
  /** When the frame that first paints `selectors.painted` began (its frame callback), from navigation start: `ms` comes later. */
  frameMs: number
  /** When the answer to the page's first `answer` core call (e.g. 'timeline/lanes') was in, from navigation start; null if none. */
  answerMs: number | null
  /** `selectors.count` elements once every core call the page had sent by then has been answered (the final screen). */
  count: number
  /** The core calls (`noun/verb`) the page sent until then, in the order sent: a screen mounted twice sends its reads twice. */
  rpcs: string[]
}

/**
 * A fresh page in a fresh browser context (empty HTTP cache): navigation start → `selectors.painted` painted, and
 * how many `selectors.count` elements the DOM holds once the page's core calls are answered (a screen that mounted
 * afresh after its first paint is counted as it ends up), with when the frame painting it began and when the answer to
 * the page's first `selectors.answer` call was in. `inspect` may measure more on the loaded page.
 */
export async function freshPageLoad(
  browser: Browser,
  url: string,
  selectors: { painted: string; count: string; answer?: string },
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
    const frameMs = await page.evaluate<number>('window.__benchFramed')
    const answer = selectors.answer === undefined ? null : JSON.stringify(`/rpc/${selectors.answer}`)
    const answerMs = answer === null ? null : await page.evaluate<number | null>(`performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === ${answer})?.responseEnd ?? null`)
    if (inspect !== undefined) await inspect(page)
    return { ms, frameMs, answerMs, count, rpcs: [...rpcs] }
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
