import { tick } from 'svelte'
import { findMark, isInView, itemOfElement, keyMove, markRef, type FocusItem, type MarkRef } from '../../lib/policy/timeline-focus.ts'
import type { ViewRange } from '../../lib/policy/timeline-view.ts'
import type { TimelineLanesState } from '../../lib/state/timeline-lanes.svelte.ts'

/** The item holding the tab stop, by what it is: its lane's cluster (with the index it had) and its mark. */
type Held = { lane: number; clusterId: string; connectionId: string; mark: MarkRef | null }

/** What the picture shows: the view and the first and last lanes on screen. */
type Shown = { view: ViewRange; first: number; last: number }

/** Where the picture's rows are: a lane's row top in the lanes' viewport (px), a row's height, the viewport's height. */
export type RowPlace = { rowTop: (lane: number) => number; rowHeight: number; viewportHeight: number }

/** The lane's label or mark an event happened in (its `data-item`), or null. */
export function itemOf(target: EventTarget | null): FocusItem | null {
  return itemOfElement(target instanceof Element ? target.closest('[data-item]') : null)
}

/**
 * The Timeline picture's roving tab stop. It is held by what the item is, not by its numbers: an answer that
 * re-numbers the lanes or their marks (the margins' read, a sync: test/e2e/ui/timeline-focus.spec.ts) leaves the same
 * mark with the tab stop and the focus; a mark that is gone hands them to its lane's nearest mark (`findMark`).
 */
export class PictureFocus {
  private held = $state<Held | null>(null)

  /** The tab stop in this answer's numbers: the held item while it shows, else the label of the first lane on screen. */
  readonly target: FocusItem = $derived.by(() => {
    const { view, first, last } = this.shown()
    const fallback = { lane: first, mark: -1 }
    const held = this.held
    const lane = held === null ? undefined : this.lanes.indexOf(held, held.lane)
    const marks = lane === undefined ? undefined : this.lanes.lane(lane)?.marks
    if (held === null || lane === undefined || marks === undefined || lane < first || lane > last) return fallback
    const mark = findMark(marks, held.mark, view)
    const isShown = mark === -1 || isInView(marks[mark] ?? { ms: view.toMs, endMs: null }, view)
    return isShown ? { lane, mark } : fallback
  })

  constructor(
    private readonly lanes: TimelineLanesState,
    private readonly shown: () => Shown
  ) {}

  /** The keyboard or a click put the focus on `item` (in the numbers of the answer on screen). */
  hold(item: FocusItem): void {
    const lane = this.lanes.lane(item.lane)
    if (lane === undefined) return
    const mark = lane.marks[item.mark]
    this.held = { lane: item.lane, clusterId: lane.clusterId, connectionId: lane.connectionId, mark: mark === undefined ? null : markRef(mark) }
  }

  /**
   * The lanes' keys (timeline-focus.ts `keyMove`): the arrows move the focus between marks and lanes, scrolling the
   * lane's row into view; a step past the view's edge pans the view instead (`pan`, by a fraction of its width).
   */
  onKeydown(event: KeyboardEvent, viewport: HTMLElement | null, place: RowPlace, pan: (fraction: number) => void): void {
    const item = itemOf(event.target)
    if (item === null || this.lanes.lane(item.lane) === undefined) return
    const move = keyMove(event.key, event.shiftKey, item, (lane) => this.lanes.lane(lane)?.marks, this.lanes.total, this.shown().view)
    if (move === null) return
    event.preventDefault()
    if ('pan' in move) pan(move.pan / 7)
    else void this.moveTo(move.focus, viewport, place)
  }

  /** Holds `next`, scrolls its row into the viewport and focuses its element once the rows drawn include it. */
  private async moveTo(next: FocusItem, viewport: HTMLElement | null, place: RowPlace): Promise<void> {
    this.hold(next)
    const top = place.rowTop(next.lane)
    if (viewport !== null && top < viewport.scrollTop) viewport.scrollTop = top
    else if (viewport !== null && top + place.rowHeight > viewport.scrollTop + place.viewportHeight) viewport.scrollTop = top + place.rowHeight - place.viewportHeight
    await tick()
    this.focusOn(viewport, next)
  }

  /** Puts the focus on the element of `item` inside `viewport`, when it is in the DOM. */
  focusOn(viewport: HTMLElement | null, item: FocusItem): void {
    viewport?.querySelector<HTMLElement>(`[data-item="${String(item.lane)}:${String(item.mark)}"]`)?.focus()
  }

  /**
   * Keeps the focus on the tab stop when an answer replaces its element (the held mark gone, or a backup once being
   * created now good): the browser would drop the focus to the page. Focus that had left the picture stays where it
   * is. Called as the picture is set up (its effects are the picture's).
   */
  keepFocus(viewport: () => HTMLElement | null): void {
    let hadFocus = false
    let before: FocusItem | null = null
    // Before the DOM shows a new tab stop: whether the focus is in the picture.
    $effect.pre(() => {
      const target = this.target
      hadFocus = target !== before && viewport()?.contains(document.activeElement) === true
      before = target
    })
    $effect(() => {
      const target = this.target
      const element = viewport()
      if (!hadFocus || element === null || element.contains(document.activeElement)) return
      hadFocus = false
      this.focusOn(element, target)
    })
  }
}
