import type { PaintTarget, QuietTarget } from '../../src-renderer/lib/after-paint.ts'

/** A window whose frames and timers the test runs by hand (a fake clock): `frame` runs the frame callbacks waiting. */
export class HandWindow implements QuietTarget {
  now = 0
  private readonly timers: { at: number; run: () => void }[] = []
  private frames: (() => void)[] = []
  private idles: (() => void)[] = []

  requestIdleCallback = ((run: () => void, options?: { timeout?: number }) => {
    this.idles.push(run)
    if (options?.timeout !== undefined) this.setTimeout(() => this.runIdle(run), options.timeout)
    return this.idles.length
  }) as QuietTarget['requestIdleCallback']

  /** An idle moment: the idle callbacks waiting run. */
  idle(): void {
    for (const run of [...this.idles]) this.runIdle(run)
  }

  private runIdle(run: () => void): void {
    if (!this.idles.includes(run)) return
    this.idles.splice(this.idles.indexOf(run), 1)
    run()
  }

  setTimeout = ((run: () => void, ms = 0) => {
    this.timers.push({ at: this.now + ms, run })
    return this.timers.length
  }) as PaintTarget['setTimeout']

  requestAnimationFrame = ((run: () => void) => {
    this.frames.push(run)
    return this.frames.length
  }) as PaintTarget['requestAnimationFrame']

  frame(): void {
    const waiting = this.frames
    this.frames = []
    for (const run of waiting) run()
  }

  /** Moves the clock on by `ms`, running the timers due by then. */
  elapse(ms: number): void {
    this.now += ms
    for (const timer of this.timers.filter((t) => t.at <= this.now)) {
      this.timers.splice(this.timers.indexOf(timer), 1)
      timer.run()
    }
  }
}
