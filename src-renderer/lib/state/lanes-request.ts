import type { CommandInput } from '#contract/commands'
import { DEFAULT_ZOOM, ROW_HEIGHT, rangeAroundNow, viewportMaxHeight, type ViewRange } from '../policy/timeline-view.ts'

/*
 * What the Timeline picture asks `timeline/lanes` for, free of Svelte: its state (timeline-lanes.svelte.ts) asks
 * with it, and the page's first script (first-screen.ts) asks for a visit's first page with it before the app's
 * code has loaded, so that the two requests are the same one (lib/core-client/early-reads.ts).
 */

/** Lanes asked for at once: a screenful at the tallest viewport (21 rows at 30 px) and a few more. */
export const LANE_PAGE = 25

/**
 * The lanes a visit's first read asks for: those the first frame can show in a window `windowHeight` pixels tall,
 * its viewport's rows (`viewportMaxHeight`) with the one a scroll position may cut, at most a page. The host's work
 * and the answer grow with each lane (≈ 2.6 kB), and the first frame waits for that answer.
 */
export function firstPageLimit(windowHeight: number): number {
  return Math.min(LANE_PAGE, Math.ceil(viewportMaxHeight(windowHeight) / ROW_HEIGHT) + 1)
}

/** The lanes of page `page` (LANE_PAGE lanes each) over `range`; `limit` asks for the page's first lanes only. */
export function lanesPageInput(range: ViewRange, page: number, limit = LANE_PAGE): CommandInput<'timeline/lanes'> {
  return { from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString(), offset: page * LANE_PAGE, limit }
}

/**
 * A visit's first read: over the default view around `nowMs`, the view alone (no margins), the lanes the first frame
 * shows in a window `windowHeight` pixels tall (the page's own window unless told).
 */
export function firstLanesInput(nowMs: number, windowHeight = window.innerHeight): CommandInput<'timeline/lanes'> {
  return lanesPageInput(rangeAroundNow(nowMs, DEFAULT_ZOOM), 0, firstPageLimit(windowHeight))
}
