/** What waiting for a paint needs of the window: its frames and timers. */
export type PaintTarget = Pick<Window, 'requestAnimationFrame' | 'setTimeout'>

/**
 * The latest `afterNextPaint` resolves: a window that is hidden (a background tab, an Electron window not yet shown)
 * draws no frames, and what waits for one must still happen.
 */
export const PAINT_LATEST_MS = 500

/**
 * Resolves once the next frame has been painted: a task queued from a frame callback runs after that frame's
 * rendering (`requestAnimationFrame`, then `setTimeout`, as bench/browser-timing.ts notes a paint), or after
 * PAINT_LATEST_MS if no frame comes.
 */
export function afterNextPaint(target: PaintTarget): Promise<void> {
  return new Promise((resolve) => {
    target.requestAnimationFrame(() => target.setTimeout(resolve))
    target.setTimeout(resolve, PAINT_LATEST_MS)
  })
}

/** What waiting for a quiet moment after a paint needs of the window. */
export type QuietTarget = PaintTarget & Pick<Window, 'requestIdleCallback'>

/**
 * Resolves at the first idle moment `quietMs` or more after the next frame has been painted (`afterNextPaint`), or
 * PAINT_LATEST_MS after that on a page never idle.
 */
export function quietAfterNextPaint(target: QuietTarget, quietMs: number): Promise<void> {
  return afterNextPaint(target)
    .then(() => new Promise((resolve) => target.setTimeout(resolve, quietMs)))
    .then(() => new Promise((resolve) => target.requestIdleCallback(() => resolve(), { timeout: PAINT_LATEST_MS })))
}
