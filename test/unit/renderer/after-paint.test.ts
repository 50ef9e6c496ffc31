import { describe, expect, test } from 'vitest'
import { afterNextPaint, PAINT_LATEST_MS, quietAfterNextPaint, type PaintTarget, type QuietTarget } from '../../../src-renderer/lib/after-paint.ts'
import { settle } from '../../fakes/fake-core-client.ts'

/** A window whose frames and timers the test runs by hand (a fake clock): `frame` runs the frame callbacks waiting. */
class HandWindow implements QuietTarget {
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

describe('afterNextPaint', () => {
  test('resolves in the task after the next frame, not before the frame', async () => {
    const target = new HandWindow()
    let isPainted = false
    void afterNextPaint(target).then(() => (isPainted = true))
    target.elapse(0)
    await settle()
    expect(isPainted).toBe(false)
    target.frame()
    await settle()
    // The frame callback only queued the task that follows the frame's rendering.
    expect(isPainted).toBe(false)
    target.elapse(0)
    await settle()
    expect(isPainted).toBe(true)
  })

  test('resolves after PAINT_LATEST_MS in a window that draws no frame (hidden), so what waits for it still happens', async () => {
    const target = new HandWindow()
    let isPainted = false
    void afterNextPaint(target).then(() => (isPainted = true))
    target.elapse(PAINT_LATEST_MS - 1)
    await settle()
    expect(isPainted).toBe(false)
    target.elapse(1)
    await settle()
    expect(isPainted).toBe(true)
  })
})

describe('quietAfterNextPaint', () => {
  test('resolves at the first idle moment once `quietMs` have passed after the next frame, not at an idle moment before', async () => {
    const target = new HandWindow()
    let isQuiet = false
    void quietAfterNextPaint(target, 500).then(() => (isQuiet = true))
    target.frame()
    target.elapse(0)
    await settle()
    target.idle()
    target.elapse(499)
    await settle()
    target.idle()
    expect(isQuiet).toBe(false)
    target.elapse(1)
    await settle()
    expect(isQuiet).toBe(false)
    target.idle()
    await settle()
    expect(isQuiet).toBe(true)
  })

  test('resolves PAINT_LATEST_MS after the quiet time on a page never idle', async () => {
    const target = new HandWindow()
    let isQuiet = false
    void quietAfterNextPaint(target, 100).then(() => (isQuiet = true))
    target.frame()
    target.elapse(0)
    await settle()
    target.elapse(100)
    await settle()
    target.elapse(PAINT_LATEST_MS - 1)
    await settle()
    expect(isQuiet).toBe(false)
    target.elapse(1)
    await settle()
    expect(isQuiet).toBe(true)
  })
})
