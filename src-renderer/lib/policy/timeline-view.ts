import { DAY_MS } from '#contract/backup-windows'
import type { TimelineGroup } from '#contract/commands/timeline'

/*
 * The Timeline picture's geometry, free of Svelte so it is unit-tested: the visible range, zoom and pan, where an
 * instant falls on a lane, the axis ticks, and the rows (project headings and lanes) of a windowed list.
 */

const HOUR_MS = 3_600_000

/** The zoom levels: how much time the picture shows across. 21 days is the default (14 back, 7 ahead). */
export const ZOOMS = [
  { days: 1, label: '1 day' },
  { days: 7, label: '7 days' },
  { days: 21, label: '3 weeks' },
  { days: 30, label: '30 days' }
] as const

export type ZoomDays = (typeof ZOOMS)[number]['days']

export const DEFAULT_ZOOM: ZoomDays = 21

/** "Now" sits two thirds across: 14 days back and 7 ahead at the default zoom. */
const NOW_AT = 2 / 3

/** A visible range, epoch ms, end exclusive. */
export type ViewRange = { fromMs: number; toMs: number }

export function rangeAroundNow(nowMs: number, days: ZoomDays): ViewRange {
  const span = days * DAY_MS
  const fromMs = nowMs - Math.round(span * NOW_AT)
  return { fromMs, toMs: fromMs + span }
}

/** The same centre at another zoom. */
export function zoomTo(view: ViewRange, days: ZoomDays): ViewRange {
  const centre = (view.fromMs + view.toMs) / 2
  const span = days * DAY_MS
  const fromMs = Math.round(centre - span / 2)
  return { fromMs, toMs: fromMs + span }
}

/** Moved by a fraction of its span (negative = earlier). */
export function panBy(view: ViewRange, fraction: number): ViewRange {
  const shift = Math.round((view.toMs - view.fromMs) * fraction)
  return { fromMs: view.fromMs + shift, toMs: view.toMs + shift }
}

/** Moved by a drag of `dx` pixels on a track `width` pixels wide: dragging right shows earlier time. */
export function panByPixels(view: ViewRange, dx: number, width: number): ViewRange {
  return width <= 0 ? view : panBy(view, -dx / width)
}

/** Where `ms` falls on a track `width` pixels wide showing `view` (may be outside 0…width). */
export function xOf(ms: number, view: ViewRange, width: number): number {
  return ((ms - view.fromMs) / (view.toMs - view.fromMs)) * width
}

/**
 * The range to ask the core for: the view plus one span on each side, so a pan within a span repaints from what is
 * already loaded. `contains` says whether a fetched range still covers a view.
 */
export function fetchRangeFor(view: ViewRange): ViewRange {
  const span = view.toMs - view.fromMs
  return { fromMs: view.fromMs - span, toMs: view.toMs + span }
}

export function contains(outer: ViewRange, inner: ViewRange): boolean {
  return outer.fromMs <= inner.fromMs && inner.toMs <= outer.toMs
}

export type AxisTick = { ms: number; label: string; isMajor: boolean }

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * The room a tick's label takes on the axis: a day's ("Wed 25 Nov" at 11 px, ≈ 60 px) with its 3 px inset and a gap,
 * in CSS pixels. Hours get as much, since the tick after a day's is an hour's.
 */
export const TICK_LABEL_PX = 72
const DAY_STEPS = [1, 2, 3, 7, 14]
const HOUR_STEPS = [3, 6, 12]

/**
 * Ticks at midnight (local, or UTC when `utc`), as often as the axis's `width` leaves each label its room: every day,
 * or every 2nd, 3rd, 7th or 14th day counted without a break across months (weekly ticks fall on Mondays); at the 1-day
 * zoom also every 3, 6 or 12 hours. Midnights come from Date's local calendar, so a DST day is 23 or 25 hours, as it was.
 */
export function axisTicks(view: ViewRange, utc: boolean, width: number): AxisTick[] {
  const span = view.toMs - view.fromMs
  const ticks: AxisTick[] = []
  const start = new Date(view.fromMs)
  const day = utc ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())) : new Date(start.getFullYear(), start.getMonth(), start.getDate())
  const pxPerDay = (width * DAY_MS) / span
  // The smallest step that leaves each label its room (hours only at the 1-day zoom; none when even 12 hours do not).
  const hourStep = span <= DAY_MS * 1.5 ? (HOUR_STEPS.find((step) => (step * pxPerDay) / 24 >= TICK_LABEL_PX) ?? 0) : 0
  const dayStep = DAY_STEPS.find((step) => step * pxPerDay >= TICK_LABEL_PX) ?? 14
  for (let guard = 0; guard < 400 && day.getTime() < view.toMs; guard++) {
    const ms = day.getTime()
    const date = utc ? day.getUTCDate() : day.getDate()
    // Days since 1970-01-01 (a Thursday), plus 3: a multiple of 7 is a Monday.
    const dayNumber = Math.round(Date.UTC(utc ? day.getUTCFullYear() : day.getFullYear(), utc ? day.getUTCMonth() : day.getMonth(), date) / DAY_MS) + 3
    if (ms >= view.fromMs && (hourStep > 0 || dayNumber % dayStep === 0)) {
      const weekday = WEEKDAYS[utc ? day.getUTCDay() : day.getDay()] ?? ''
      const month = MONTHS[utc ? day.getUTCMonth() : day.getMonth()] ?? ''
      ticks.push({ ms, label: `${weekday} ${String(date)} ${month}`, isMajor: true })
    }
    if (hourStep > 0) {
      for (let h = hourStep; h < 24; h += hourStep) {
        const at = ms + h * HOUR_MS
        if (at >= view.fromMs && at < view.toMs) ticks.push({ ms: at, label: `${String(utc ? new Date(at).getUTCHours() : new Date(at).getHours()).padStart(2, '0')}:00`, isMajor: false })
      }
    }
    if (utc) day.setUTCDate(day.getUTCDate() + 1)
    else day.setDate(day.getDate() + 1)
  }
  return ticks.sort((a, b) => a.ms - b.ms)
}

/** A row's height in the picture (a project heading or a lane), in CSS pixels. */
export const ROW_HEIGHT = 30

/** A row of the picture: a project heading, or the lane at `lane` in the core's lane order. */
export type PictureRow = { kind: 'group'; key: string; label: string } | { kind: 'lane'; key: string; lane: number }

/** Headings and lanes in order; the organization is named only when more than one is in the picture. */
export function pictureRows(groups: readonly TimelineGroup[]): PictureRow[] {
  const isMultiOrg = new Set(groups.map((g) => g.connectionId)).size > 1
  const rows: PictureRow[] = []
  let lane = 0
  for (const g of groups) {
    rows.push({ kind: 'group', key: `g:${g.connectionId}:${g.projectId}`, label: isMultiOrg ? `${g.connectionName} · ${g.projectName}` : g.projectName })
    for (let i = 0; i < g.lanes; i++) {
      rows.push({ kind: 'lane', key: `l:${String(lane)}`, lane })
      lane++
    }
  }
  return rows
}

/**
 * The lanes' viewport's height limit in a window `windowHeight` pixels tall: the window less the page above the lanes,
 * within 240…620 px. The picture sets it as the viewport's max-height and counts the rows of its first frame with it.
 */
export function viewportMaxHeight(windowHeight: number): number {
  return Math.max(240, Math.min(620, windowHeight - 300))
}

/** The rows to put in the DOM for a scroll position: those visible plus `overscan` on each side. */
export function visibleRowRange(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 6): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan)
  return { first, last }
}

/** The width the axis's "now" label takes beside the now line (11 px text and its padding). */
export const NOW_LABEL_WIDTH = 26

/**
 * Which side of the now line its label goes on the axis: after it (`start`) unless a tick falls where the label would
 * be or it would leave the axis, then before it (`end`). The label sits beside the line, never across a day's tick.
 */
export function nowLabelSide(nowX: number, tickXs: readonly number[], width: number): 'start' | 'end' {
  const after = (x: number): boolean => x > nowX && x <= nowX + NOW_LABEL_WIDTH + 2
  return nowX + NOW_LABEL_WIDTH > width || tickXs.some(after) ? 'end' : 'start'
}
