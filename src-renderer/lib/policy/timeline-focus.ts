import type { TimelineMarkKind } from '#contract/timeline-marks'
import { xOf, type ViewRange } from './timeline-view.ts'

/*
 * Keyboard movement in the Timeline picture (roving tabindex): one item holds the tab stop, the arrow keys move it.
 * An item is a lane's label (`mark` = -1) or one of its marks (its index in the lane's marks, stable across pans).
 * Indices hold for one answer only: the item holding the tab stop is remembered by what it is (`MarkRef`), so an
 * answer that re-numbers the marks (the margins' read, a sync) leaves the same mark focused.
 */

export type FocusItem = { lane: number; mark: number }

type Span = { ms: number; endMs: number | null }

/** What a mark is, whatever its index: its kind, its time and, for a backup or its expiry, the backup. */
export type MarkRef = { kind: TimelineMarkKind; ms: number; backupId: string | undefined }

type RefMark = Span & { kind: TimelineMarkKind; backupId?: string | undefined }

const BACKUP_KINDS: readonly TimelineMarkKind[] = ['creating', 'auto', 'manual']

export function markRef(mark: RefMark): MarkRef {
  return { kind: mark.kind, ms: mark.ms, backupId: mark.backupId }
}

/** The key of a mark's identity: the same for the same mark in every answer. */
export function markKey(mark: RefMark): string {
  return `${mark.kind}|${String(mark.ms)}|${mark.backupId ?? ''}`
}

/**
 * Where the mark `ref` is among a lane's marks now: the same mark; else the same backup's mark of another backup kind
 * (a backup being created is now good); else, when it is gone, the visible mark nearest to it in time; else the
 * label (-1), as for `ref` null.
 */
export function findMark(marks: readonly RefMark[], ref: MarkRef | null, view: ViewRange): number {
  if (ref === null) return -1
  const same = marks.findIndex((m) => m.kind === ref.kind && m.ms === ref.ms && m.backupId === ref.backupId)
  if (same !== -1) return same
  const isBackup = ref.backupId !== undefined && BACKUP_KINDS.includes(ref.kind)
  const sameBackup = isBackup ? marks.findIndex((m) => m.backupId === ref.backupId && BACKUP_KINDS.includes(m.kind)) : -1
  return sameBackup !== -1 ? sameBackup : nearestInLane(marks, ref.ms, view)
}

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

/**
 * The mark under a pointer at `x` on a lane `width` pixels wide: the nearest visible point mark within `radius`
 * pixels, else a window band that spans x; -1 when there is none. Hover and click on a lane's canvas use it.
 */
export function markAt(marks: readonly Span[], x: number, view: ViewRange, width: number, radius: number): number {
  let best = -1
  let bestDistance = radius
  let band = -1
  marks.forEach((m, i) => {
    if (!isInView(m, view)) return
    if (m.endMs !== null) {
      if (band === -1 && x >= xOf(m.ms, view, width) - 2 && x <= xOf(m.endMs, view, width) + 2) band = i
      return
    }
    const distance = Math.abs(xOf(m.ms, view, width) - x)
    if (distance <= bestDistance) {
      best = i
      bestDistance = distance
    }
  })
  return best === -1 ? band : best
}

/** The item an element stands for, from its `data-item` ("lane:mark"); null for anything else. */
export function itemOfElement(el: Element | null): FocusItem | null {
  const [lane, mark] = (el?.getAttribute('data-item') ?? '').split(':').map(Number)
  return lane === undefined || mark === undefined || Number.isNaN(lane) || Number.isNaN(mark) ? null : { lane, mark }
}

/** What a key does in the lanes: move the focus to another item, pan the view (Shift+arrows), or nothing. */
export type KeyMove = { focus: FocusItem } | { pan: 1 | -1 } | null

/**
 * The lanes' keys: ←/→ the previous/next visible mark (Shift pans), ↑/↓ the nearest mark in time on the lane above or
 * below (its label when none shows), Home the lane's label, End its last visible mark. `marksOf` is undefined for a
 * lane not loaded yet.
 */
export function keyMove(key: string, shift: boolean, item: FocusItem, marksOf: (lane: number) => readonly Span[] | undefined, total: number, view: ViewRange): KeyMove {
  const marks = marksOf(item.lane) ?? []
  const atMs = marks[item.mark]?.ms ?? null
  const toLane = (lane: number): KeyMove => ({ focus: { lane, mark: nearestInLane(marksOf(lane) ?? [], atMs, view) } })
  switch (key) {
    case 'ArrowRight':
      return shift ? { pan: 1 } : { focus: { lane: item.lane, mark: stepInLane(marks, item.mark, 1, view) } }
    case 'ArrowLeft':
      return shift ? { pan: -1 } : { focus: { lane: item.lane, mark: stepInLane(marks, item.mark, -1, view) } }
    case 'ArrowDown':
      return toLane(Math.min(total - 1, item.lane + 1))
    case 'ArrowUp':
      return toLane(Math.max(0, item.lane - 1))
    case 'Home':
      return { focus: { lane: item.lane, mark: -1 } }
    case 'End':
      return { focus: { lane: item.lane, mark: lastInLane(marks, view) } }
    default:
      return null
  }
}
