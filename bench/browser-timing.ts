import { chromium, type Browser, type Page } from 'playwright-core'

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

export type PageLoad = { ms: number; count: number }

/**
 * A fresh page in a fresh browser context (empty HTTP cache): navigation start → `selectors.painted` painted, and
 * how many `selectors.count` elements the DOM then holds. `inspect` may measure more on the loaded page.
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
    await page.addInitScript(paintProbe(selectors.painted))
    await page.goto(url)
    const ms = await page.evaluate<number>(`new Promise((done) => {
      const wait = () => (window.__benchPainted === undefined ? setTimeout(wait, 5) : done(window.__benchPainted))
      wait()
    })`)
    const count = await page.locator(selectors.count).count()
    if (inspect !== undefined) await inspect(page)
    return { ms, count }
  } finally {
    await context.close()
  }
}

/** The intervals between animation frames (ms) while `action` runs: a repaint that overruns a frame shows as a long one. */
export async function frameIntervals(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__benchFrames = []
    window.__benchFrameLoop = true
    const tick = (t) => { window.__benchFrames.push(t); if (window.__benchFrameLoop) requestAnimationFrame(tick) }
    requestAnimationFrame(tick)
  })()`)
  await action()
  const frames = await page.evaluate<number[]>(`new Promise((done) => requestAnimationFrame(() => {
    window.__benchFrameLoop = false
    done(window.__benchFrames)
  }))`)
  return frames.slice(1).map((t, i) => t - (frames[i] ?? t))
}
