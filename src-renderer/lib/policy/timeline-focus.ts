import type { ViewRange } from './timeline-view.ts'

/*
 * Keyboard movement in the Timeline picture (roving tabindex): one item holds the tab stop, the arrow keys move it.
 * An item is a lane's label (`mark` = -1) or one of its marks (its index in the lane's marks, stable across pans).
 */

export type FocusItem = { lane: number; mark: number }

type Span = { ms: number; endMs: number | null }

/** Whether a mark can be seen in the view (a window band counts while any part of it shows). */
export function isInView(m: Span, view: ViewRange): boolean {
  return (m.endMs ?? m.ms) >= view.fromMs && m.ms < view.toMs
}

/** The next (step 1) or previous (step -1) visible mark of a lane; before the first comes the label. */
export function stepInLane(marks: readonly Span[], from: number, step: 1 | -1, view: ViewRange): number {
  for (let i = from + step; i >= 0 && i < marks.length; i += step) {
    const mark = marks[i]
    if (mark !== undefined && isInView(mark, view)) return i
  }
  return step === -1 ? -1 : from
}

/** The last visible mark of a lane, or the label when none shows. */
export function lastInLane(marks: readonly Span[], view: ViewRange): number {
  return stepInLane(marks, marks.length, -1, view)
}

/** On another lane, the visible mark nearest in time to `ms`; the label when none shows or `ms` is null. */
export function nearestInLane(marks: readonly Span[], ms: number | null, view: ViewRange): number {
  if (ms === null) return -1
  let best = -1
  let bestDistance = Number.POSITIVE_INFINITY
  marks.forEach((m, i) => {
    if (!isInView(m, view)) return
    const distance = Math.abs(m.ms - ms)
    if (distance < bestDistance) {
      best = i
      bestDistance = distance
    }
  })
  return best
}
