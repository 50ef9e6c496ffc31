import type { PreloadTarget } from '../../src-renderer/lib/idle-preload.ts'
import type { QuietTarget } from '../../src-renderer/lib/after-paint.ts'

/**
 * A window whose timers, frames and idle moments the test runs by hand (a fake clock: no real waiting): `elapse`
 * fires the timers due, `frame` runs the frame callbacks waiting, `idle` the idle callbacks waiting (an idle
 * callback's `timeout` is a timer that runs it unless it ran or was cancelled first).
 */
export class HandWindow implements QuietTarget, PreloadTarget {
  now = 0
  private nextId = 1
  private readonly timers = new Map<number, { at: number; run: () => void }>()
  private frames = new Map<number, () => void>()
  private readonly idles = new Map<number, () => void>()

  setTimeout = ((run: () => void, ms = 0) => {
    const id = this.nextId++
    this.timers.set(id, { at: this.now + ms, run })
    return id
  }) as PreloadTarget['setTimeout']

  clearTimeout = ((id: number | undefined) => {
    if (id !== undefined) this.timers.delete(id)
  }) as PreloadTarget['clearTimeout']

  requestAnimationFrame = ((run: () => void) => {
    const id = this.nextId++
    this.frames.set(id, run)
    return id
  }) as PreloadTarget['requestAnimationFrame']

  cancelAnimationFrame = ((id: number) => {
    this.frames.delete(id)
  }) as PreloadTarget['cancelAnimationFrame']

  requestIdleCallback = ((run: () => void, options?: { timeout?: number }) => {
    const id = this.nextId++
    this.idles.set(id, run)
    if (options?.timeout !== undefined) this.setTimeout(() => this.runIdle(id), options.timeout)
    return id
  }) as PreloadTarget['requestIdleCallback']

  cancelIdleCallback = ((id: number) => {
    this.idles.delete(id)
  }) as PreloadTarget['cancelIdleCallback']

  /** A frame: the frame callbacks waiting run (those they ask for wait for the next one). */
  frame(): void {
    const waiting = this.frames
    this.frames = new Map()
    for (const run of waiting.values()) run()
  }

  /** An idle moment: the idle callbacks waiting run. */
  idle(): void {
    for (const id of [...this.idles.keys()]) this.runIdle(id)
  }

  /** How many idle callbacks wait. */
  get idleWaiting(): number {
    return this.idles.size
  }

  /** Moves the clock on by `ms`, running the timers due by then. */
  elapse(ms: number): void {
    this.now += ms
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > this.now || !this.timers.has(id)) continue
      this.timers.delete(id)
      timer.run()
    }
  }

  private runIdle(id: number): void {
    const run = this.idles.get(id)
    if (run === undefined) return
    this.idles.delete(id)
    run()
  }
}
