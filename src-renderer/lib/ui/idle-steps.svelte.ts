import { quietAfterNextPaint, type QuietTarget } from '../after-paint.ts'

/**
 * What a screen's first frame leaves out, in `count` steps, each at the first idle moment after the frame that drew
 * the one before: the first after the screen's first frame (once `isShown`), the next after the frame that drew the
 * first, and so on. Done in the task right after the first frame, all of it held back the frame after (bench/timeline:
 * the picture's overscan lanes, legend glyphs, full names and margins' read were one 40–55 ms task there); in idle
 * moments of their own, the next frame comes on time and each step is drawn in a frame of its own. `done` counts the
 * steps due so far; it never goes back. Call it while a component is created: the waits end with it.
 */
export function idleSteps(count: number, isShown: () => boolean, target: QuietTarget = window): { readonly done: number } {
  let done = $state(0)
  $effect(() => {
    if (done >= count || (done === 0 && !isShown())) return
    let isGone = false
    void quietAfterNextPaint(target, 0).then(() => {
      if (!isGone) done += 1
    })
    return () => void (isGone = true)
  })
  return {
    get done() {
      return done
    }
  }
}
