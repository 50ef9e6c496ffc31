import { afterNextPaint } from './after-paint.ts'

/** What the preload needs of the window: its timers, frames and idle callbacks. */
export type PreloadTarget = Pick<
  Window,
  'setTimeout' | 'clearTimeout' | 'requestAnimationFrame' | 'cancelAnimationFrame' | 'requestIdleCallback' | 'cancelIdleCallback'
>

/** The latest the preload starts, if requests are still in flight then (a sync the admin started at once). */
const PRELOAD_LATEST_MS = 1000

/**
 * How long the parts after the first wait, once it has loaded: the admin's first look at the first screen, when a
 * first click comes. Right after the first part, a cluster's details (ten files) took the browser's six connections
 * to the host and the cores' time to compile them, and the screen opened then waited for both: its read queued
 * 40–70 ms for a connection (Resource Timing) and its first frame was laid out on a busy machine. Alternating builds
 * in fresh browsers, a visit to Backups right after Settings was drawn: 256 → 203 and 221 → 187 ms (medians of 12).
 */
const FIRST_LOOK_MS = 1500

/**
 * Loads `parts` in turn (the screens' chunks, sections.ts). It starts once `firstScreenDrawn` settles (every read
 * the first screen sent is answered; App.svelte) or a second has passed, whichever comes first: the first part right
 * after the next frame is painted, each other one at an idle moment after the one before, so that neither the first
 * screen nor one the admin opens meanwhile queues behind twenty requests at once; the second waits for the admin's
 * first look as well (`FIRST_LOOK_MS`). The returned function stops it.
 * Starting a second after start, as before, was too late: an admin who opened Backups in the first second waited for
 * its code to be fetched and compiled (bench/ui-backups), though the first screen had its answer long before; and an
 * idle callback alone was seen to wait past the admin's click while the page was busy drawing that answer.
 * `screenAnswer` is the answer (read and code) of the screen on view: when the admin opens another screen, the next
 * part waits until that screen's answer is in and the frame after it is painted. The host answers one request at a
 * time and the page has one thread: a part started meanwhile (ten files for a cluster's details) would hold back the
 * opened screen's read and code, then compete with its mount (bench/timeline, the first visit from the Fleet).
 */
export function preloadInIdle(
  target: PreloadTarget,
  firstScreenDrawn: Promise<unknown>,
  parts: readonly (() => Promise<unknown>)[],
  screenAnswer: () => Promise<unknown> = () => firstScreenDrawn
): () => void {
  const pending = [...new Set(parts)]
  let waitedFor = screenAnswer()
  let idle: number | null = null
  let firstLook: number | undefined
  let isFirstLoaded = false
  let isStarted = false
  let isStopped = false
  const whenIdle = (run: () => void): void => {
    if ('requestIdleCallback' in target) idle = target.requestIdleCallback(run, { timeout: 2000 })
    else run()
  }
  const loadNext = (): void => {
    if (isStopped) return
    const screen = screenAnswer()
    if (screen !== waitedFor) {
      waitedFor = screen
      void screen.catch(() => undefined).then(() => afterNextPaint(target)).then(() => whenIdle(loadNext))
      return
    }
    const part = pending.shift()
    if (part === undefined) return
    // A chunk that fails to load is left to its screen, which says so when opened (App.svelte, notLoaded).
    void part()
      .catch(() => undefined)
      .then(() => {
        if (isFirstLoaded) {
          whenIdle(loadNext)
          return
        }
        isFirstLoaded = true
        firstLook = target.setTimeout(() => whenIdle(loadNext), FIRST_LOOK_MS)
      })
  }
  let frame: number | null = null
  let afterFrame: number | undefined
  const start = (): void => {
    if (isStarted || isStopped) return
    isStarted = true
    target.clearTimeout(timer)
    frame = target.requestAnimationFrame(() => {
      afterFrame = target.setTimeout(loadNext, 0)
    })
  }
  const timer = target.setTimeout(start, PRELOAD_LATEST_MS)
  void firstScreenDrawn.catch(() => undefined).then(start)
  return () => {
    isStopped = true
    target.clearTimeout(timer)
    target.clearTimeout(afterFrame)
    target.clearTimeout(firstLook)
    if (frame !== null) target.cancelAnimationFrame(frame)
    if (idle !== null) target.cancelIdleCallback(idle)
  }
}

