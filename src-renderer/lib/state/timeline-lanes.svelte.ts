import type { TimelineGroup, TimelineLane, TimelineMark } from '#contract/commands/timeline'
import type { SerializedError } from '#contract/errors'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { contains, fetchRangeFor, type ViewRange } from '../policy/timeline-view.ts'

/** Lanes asked for at once: a screenful (about 20 rows at 30 px), so a fresh page asks once before it paints. */
export const LANE_PAGE = 25

/** How long the view must rest outside the loaded range (a drag, repeated keys) before the new range is asked for. */
export const RANGE_SETTLE_MS = 150

/** A mark with its instants parsed once, so a pan repaints without parsing dates. */
export type PictureMark = TimelineMark & { ms: number; endMs: number | null }

export type PictureLane = Omit<TimelineLane, 'marks'> & {
  marks: PictureMark[]
  restorableMs: { fromMs: number; toMs: number } | null
}

/**
 * The Timeline picture's lanes, loaded page by page for the lanes on screen (`timeline/lanes`) over the view plus a
 * span each side. Pages of an older range stay shown until their replacement arrives, so a pan never blanks a lane.
 * The first answer covers the view alone (a third of the bytes, for a fast first paint); the margins follow at once.
 * A view that leaves the loaded range asks again only once it settles, so a drag does not fetch on every move.
 */
export class TimelineLanesState {
  groups = $state.raw<TimelineGroup[]>([])
  total = $state(0)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)
  private pages = $state.raw<Record<number, PictureLane[]>>({})
  private range: ViewRange | null = null
  private fresh = new Set<number>()
  private inFlight = new Set<string>()
  private generation = 0
  private wanted = { view: null as ViewRange | null, first: 0, last: 0 }
  private settle: ReturnType<typeof setTimeout> | null = null
  /** The range asked for is the view alone (the first answer); the margins are still to come. */
  private isNarrow = false

  constructor(private readonly core: CoreClient) {}

  lane(index: number): PictureLane | undefined {
    return this.pages[Math.floor(index / LANE_PAGE)]?.[index % LANE_PAGE]
  }

  /** Asks for the pages of lanes first…last over a range that covers `view`, unless already loaded or asked. */
  ensure(view: ViewRange, first: number, last: number): void {
    this.wanted = { view, first, last }
    if (this.range !== null && !contains(this.range, view)) {
      this.reloadIn(RANGE_SETTLE_MS)
      return
    }
    if (this.range === null) {
      this.isNarrow = !this.hasLoaded
      this.range = this.isNarrow ? view : fetchRangeFor(view)
      this.restart()
    }
    const range = this.range
    const lastPage = Math.floor(Math.max(first, last) / LANE_PAGE)
    for (let page = Math.floor(first / LANE_PAGE); page <= lastPage; page++) {
      const key = `${String(this.generation)}|${String(page)}`
      if (this.fresh.has(page) || this.inFlight.has(key)) continue
      this.inFlight.add(key)
      void this.loadPage(page, range, this.generation, key)
    }
  }

  /** Reloads what is on screen after every sync and every draft that reached the remote. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished' || (message.name === 'draft/state-changed' && message.payload.state === 'synced')) this.reload()
    })
  }

  reload(): void {
    const { view, first, last } = this.wanted
    if (view === null) return
    this.range = null
    this.ensure(view, first, last)
  }

  /** Stops a pending re-fetch (the picture went away). */
  dispose(): void {
    if (this.settle !== null) clearTimeout(this.settle)
    this.settle = null
  }

  private reloadIn(ms: number): void {
    if (this.settle !== null) clearTimeout(this.settle)
    this.settle = setTimeout(() => {
      this.settle = null
      this.reload()
    }, ms)
  }

  private restart(): void {
    this.generation++
    this.fresh = new Set()
    this.inFlight = new Set()
  }

  private async loadPage(page: number, range: ViewRange, generation: number, key: string): Promise<void> {
    const result = await this.core.invoke('timeline/lanes', {
      from: new Date(range.fromMs).toISOString(),
      to: new Date(range.toMs).toISOString(),
      offset: page * LANE_PAGE,
      limit: LANE_PAGE
    })
    this.inFlight.delete(key)
    if (generation !== this.generation) return
    this.hasLoaded = true
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    // The first answer covered the view alone: ask for the margins a pan moves into, once the lanes show.
    if (this.isNarrow) {
      this.isNarrow = false
      this.reloadIn(0)
    }
    this.fresh.add(page)
    this.groups = result.value.groups
    this.total = result.value.total
    this.pages = { ...this.pages, [page]: result.value.lanes.map(toPictureLane) }
  }
}

function toPictureLane(lane: TimelineLane): PictureLane {
  return {
    ...lane,
    marks: lane.marks.map((m) => ({ ...m, ms: Date.parse(m.at), endMs: m.end === undefined ? null : Date.parse(m.end) })),
    restorableMs: lane.restorable === null ? null : { fromMs: Date.parse(lane.restorable.from), toMs: Date.parse(lane.restorable.to) }
  }
}
