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
