/**
 * Geometry of the windowed Fleet list (FleetList.svelte): each project is a section of fixed height, so the
 * rows a scroll position shows are arithmetic, like the Backups table's. The CSS of the Fleet components sets
 * exactly these heights; each section's height is set from `sectionHeight`, so a pixel of difference inside
 * one section never accumulates down the list.
 */
export const FLEET_ROW_HEIGHT = 60
const FLEET_GROUP_HEADING = 36
const FLEET_TABLE_HEAD = 34
const FLEET_EMPTY_GROUP = 28
export const FLEET_GROUP_GAP = 20
export const FLEET_OVERSCAN = 6

/** The pixels above a section's first row: its heading, the table's top border and its header row. */
export const FLEET_BODY_OFFSET = FLEET_GROUP_HEADING + 1 + FLEET_TABLE_HEAD

export function sectionHeight(rowCount: number): number {
  return rowCount === 0 ? FLEET_GROUP_HEADING + FLEET_EMPTY_GROUP : FLEET_BODY_OFFSET + rowCount * FLEET_ROW_HEIGHT + 1
}

/** Where each section starts, from the top of the list. */
export function sectionTops(rowCounts: readonly number[]): number[] {
  const tops: number[] = []
  let top = 0
  for (const count of rowCounts) {
    tops.push(top)
    top += sectionHeight(count) + FLEET_GROUP_GAP
  }
  return tops
}

type RowRange = { first: number; last: number }

/**
 * The rows of one section that a viewport shows, plus `overscan` rows on each side (FleetList.svelte draws none
 * in its first frame); `last < first` when none.
 */
export function visibleRows(sectionTop: number, rowCount: number, scrollTop: number, viewportHeight: number, overscan: number): RowRange {
  const bodyTop = sectionTop + FLEET_BODY_OFFSET
  const first = Math.max(0, Math.floor((scrollTop - bodyTop) / FLEET_ROW_HEIGHT) - overscan)
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + viewportHeight - bodyTop) / FLEET_ROW_HEIGHT) + overscan)
  return { first, last }
}

/** The scroll position that shows row `index` of a section whole, moving as little as possible. */
export function scrollToShow(sectionTop: number, index: number, scrollTop: number, viewportHeight: number): number {
  const rowTop = sectionTop + FLEET_BODY_OFFSET + index * FLEET_ROW_HEIGHT
  if (rowTop < scrollTop) return Math.max(0, rowTop - FLEET_BODY_OFFSET)
  if (rowTop + FLEET_ROW_HEIGHT > scrollTop + viewportHeight) return rowTop + FLEET_ROW_HEIGHT - viewportHeight
  return scrollTop
}
