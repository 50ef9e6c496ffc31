import { TIMELINE_MARK_KINDS, type TimelineMarkKind } from '#contract/timeline-marks'
import { isInView } from './timeline-focus.ts'
import { traceGlyph, type PathSink } from './timeline-glyphs.ts'
import { xOf, type ViewRange } from './timeline-view.ts'

/*
 * What the Timeline picture draws for the lanes on screen, free of the DOM so it is unit-tested: each lane's marks
 * placed in pixels, and the glyphs of every lane traced into one path per mark kind. The picture draws all its
 * lanes on one canvas with one fill or stroke per kind (lib/ui/lane-canvas.ts): a fresh page composites one canvas
 * instead of one per lane, and a pan repaints with a dozen draw calls instead of two per mark (bench/timeline.bench.ts).
 */

/** A mark placed on a lane: its index in the lane's marks, x in CSS pixels, a window band's width (0 for a point). */
export type PlacedMark = { i: number; kind: TimelineMarkKind; x: number; width: number }

type Timed = { kind: TimelineMarkKind; ms: number; endMs: number | null }

/** The marks of a lane that show in `view`, placed on a track `width` pixels wide (a band is at least 2 px wide). */
export function placeMarks(marks: readonly Timed[], view: ViewRange, width: number): PlacedMark[] {
  const placed: PlacedMark[] = []
  marks.forEach((mark, i) => {
    if (!isInView(mark, view)) return
    const x = xOf(mark.ms, view, width)
    placed.push({ i, kind: mark.kind, x, width: mark.endMs === null ? 0 : Math.max(2, xOf(mark.endMs, view, width) - x) })
  })
  return placed
}

/** The restorable span's bar on a track: its x and width, clamped to the track; null when it does not show. */
export function placeSpan(span: { fromMs: number; toMs: number } | null, view: ViewRange, width: number): { x: number; width: number } | null {
  if (span === null || span.toMs < view.fromMs || span.fromMs >= view.toMs) return null
  const x = Math.max(0, xOf(span.fromMs, view, width))
  return { x, width: Math.max(3, Math.min(width, xOf(span.toMs, view, width)) - x) }
}

/** The kinds, bottom to top: a band behind the points, and a missed or failed window above a backup it touches. */
export const DRAW_ORDER: readonly TimelineMarkKind[] = ['window', 'expiry', 'creating', 'auto', 'manual', 'failed', 'missed']

/**
 * One lane on the shared canvas: the y of its middle (CSS pixels from the canvas's top), its placed marks, and its
 * restorable span's bar (null when none shows).
 */
export type DrawnLane = { y: number; marks: readonly PlacedMark[]; span: { x: number; width: number } | null }

type LaneMarks = { marks: readonly Timed[]; restorableMs: { fromMs: number; toMs: number } | null }

/**
 * The loaded lanes among the rows on screen, placed on tracks `width` pixels wide and stacked `rowHeight` apart from
 * the first row's top `top` (the canvas's top), keyed by lane index. Nothing is placed before the width is known.
 */
export function placeLanes(
  rows: readonly { lane: number; top: number }[],
  laneOf: (index: number) => LaneMarks | undefined,
  view: ViewRange,
  geometry: { width: number; top: number; rowHeight: number }
): Map<number, DrawnLane> {
  const placed = new Map<number, DrawnLane>()
  const { width, top, rowHeight } = geometry
  if (width <= 0) return placed
  for (const row of rows) {
    const lane = laneOf(row.lane)
    if (lane === undefined) continue
    placed.set(row.lane, { y: row.top - top + rowHeight / 2, marks: placeMarks(lane.marks, view, width), span: placeSpan(lane.restorableMs, view, width) })
  }
  return placed
}

/** Where the ring goes for the hovered mark (an object of lane `lane`'s marks): its lane's middle and its place. */
export function ringFor(
  lanes: ReadonlyMap<number, DrawnLane>,
  hovered: { lane: number; mark: object } | null,
  marksOf: (lane: number) => readonly object[] | undefined
): { y: number; mark: PlacedMark } | null {
  if (hovered === null) return null
  const lane = lanes.get(hovered.lane)
  const marks = marksOf(hovered.lane)
  const mark = lane?.marks.find((m) => marks?.[m.i] === hovered.mark)
  return lane === undefined || mark === undefined ? null : { y: lane.y, mark }
}

/** The kinds of mark among the lanes, in DRAW_ORDER: each is traced (`traceKind`) and filled or stroked once. */
export function kindsDrawn(lanes: readonly DrawnLane[]): TimelineMarkKind[] {
  const present = new Set<TimelineMarkKind>()
  for (const lane of lanes) for (const mark of lane.marks) present.add(mark.kind)
  return DRAW_ORDER.filter((kind) => present.has(kind))
}

/**
 * Every glyph of one kind among the lanes, each at its lane's middle, traced onto one path (the canvas's, or SVG path
 * data in tests): the shapes of `traceGlyph`, as the legend draws them.
 */
export function traceKind(sink: PathSink, lanes: readonly DrawnLane[], kind: TimelineMarkKind): void {
  for (const lane of lanes) {
    for (const mark of lane.marks) if (mark.kind === kind) traceGlyph(sink, kind, mark.x, lane.y, mark.width)
  }
}

const KINDS_BY_NAME = [...TIMELINE_MARK_KINDS].sort()

/** The kinds of mark a lane shows, sorted and space-separated (a lane's `data-kinds`, for tests and tools). */
export function kindsText(marks: readonly PlacedMark[]): string {
  // Asked for every lane on screen at every pan step: a few scans of a short list, no set or sort per call.
  return KINDS_BY_NAME.filter((kind) => marks.some((m) => m.kind === kind)).join(' ')
}
