import type { CommandInput } from '#contract/commands'
import { DEFAULT_ZOOM, rangeAroundNow, type ViewRange } from '../policy/timeline-view.ts'

/*
 * What the Timeline picture asks `timeline/lanes` for, free of Svelte: its state (timeline-lanes.svelte.ts) asks
 * with it, and the page's first script (first-screen.ts) asks for a visit's first page with it before the app's
 * code has loaded, so that the two requests are the same one (lib/core-client/early-reads.ts).
 */

/** Lanes asked for at once: a screenful (about 20 rows at 30 px), so a fresh page asks once before it paints. */
export const LANE_PAGE = 25

/** The lanes of page `page` (LANE_PAGE lanes each) over `range`. */
export function lanesPageInput(range: ViewRange, page: number): CommandInput<'timeline/lanes'> {
  return { from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString(), offset: page * LANE_PAGE, limit: LANE_PAGE }
}

/** A visit's first read: the first page of lanes over the default view around `nowMs`, the view alone (no margins). */
export function firstLanesInput(nowMs: number): CommandInput<'timeline/lanes'> {
  return lanesPageInput(rangeAroundNow(nowMs, DEFAULT_ZOOM), 0)
}
