import type { TimelineGroup, TimelineLane, TimelineMark } from '#contract/commands/timeline'
import type { SerializedError } from '#contract/errors'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { stopAll } from './follow.ts'
import { contains, DEFAULT_ZOOM, fetchRangeFor, rangeAroundNow, type ViewRange } from '../policy/timeline-view.ts'
import { LANE_PAGE, firstPageLimit, lanesPageInput } from './lanes-request.ts'

export { LANE_PAGE } from './lanes-request.ts'

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
 * The first answer covers the view alone (a third of the bytes, for a fast first paint) and the lanes the first
 * frame shows (`firstPageLimit`: the rest of the first page comes with the margins); the margins are asked for
 * when the picture next asks (`ensure`, which it does again once it has drawn that answer), so their bigger answer
 * does not hold back the picture's code or its first lanes on the host.
 * A view that leaves the loaded range asks again only once it settles, so a drag does not fetch on every move.
 * The shell holds one (App.svelte) so that a visit's first page is asked for before the picture's code has loaded.
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
  /** The view the visit under way opened with (the default zoom around its start); null before the first. */
  private visitView: ViewRange | null = null
  /** The range asked for is the view alone (the first answer); the margins are still to come. */
  private isNarrow = false
  /** The first answer is in: the next `ensure` asks for the margins. */
  private isMarginDue = false

  /** `windowHeight` says how many lanes the picture's first frame shows, and so how many the first read asks for. */
  constructor(
    private readonly core: CoreClient,
    private readonly windowHeight: () => number = () => window.innerHeight
  ) {}

  lane(index: number): PictureLane | undefined {
    return this.pages[Math.floor(index / LANE_PAGE)]?.[index % LANE_PAGE]
  }

  /** Where the lane of a cluster is among those loaded (`hint` tried first): answers may re-number the lanes. */
  indexOf(ref: { clusterId: string; connectionId: string }, hint: number): number | undefined {
    const isIt = (lane: PictureLane | undefined): boolean => lane?.clusterId === ref.clusterId && lane.connectionId === ref.connectionId
    if (isIt(this.lane(hint))) return hint
    for (const [page, lanes] of Object.entries(this.pages)) {
      const at = lanes.findIndex(isIt)
      if (at !== -1) return Number(page) * LANE_PAGE + at
    }
    return undefined
  }

  /**
   * A visit to the picture: everything loaded before is dropped, and the first page of lanes over the default view
   * around `nowMs` is asked for at once. App.svelte starts it as soon as the Timeline is asked for (as
   * BackupsState.visit), so the answer is on its way while the picture's code loads; the picture then shows this
   * visit (`currentVisit`). Resolves once that first page is in (or failed).
   */
  visit(nowMs: number): Promise<void> {
    return this.start(nowMs).loaded
  }

  /**
   * The view of the visit under way, or of a new one when none was started. A picture mounted again within one
   * visit (the shell remounts its screen when the organization changes: the lanes cover every organization) keeps
   * what is loaded.
   */
  currentVisit(nowMs: number): ViewRange {
    return this.visitView ?? this.start(nowMs).view
  }

  private start(nowMs: number): { view: ViewRange; loaded: Promise<void> } {
    this.dispose()
    this.range = null
    this.isMarginDue = false
    this.pages = {}
    this.groups = []
    this.total = 0
    this.hasLoaded = false
    this.error = null
    const view = rangeAroundNow(nowMs, DEFAULT_ZOOM)
    this.visitView = view
    return { view, loaded: this.ensure(view, 0, 0) }
  }

  /**
   * Asks for the pages of lanes first…last over a range that covers `view`, unless already loaded or asked;
   * resolves once the pages asked for now are in.
   */
  ensure(view: ViewRange, first: number, last: number): Promise<void> {
    this.wanted = { view, first, last }
    // Reading `hasLoaded` here makes the picture's effect that calls this run again when the first answer is in.
    if (this.hasLoaded && this.isMarginDue) {
      this.isMarginDue = false
      this.reloadIn(0)
      return Promise.resolve()
    }
    if (this.range !== null && !contains(this.range, view)) {
      this.reloadIn(RANGE_SETTLE_MS)
      return Promise.resolve()
    }
    if (this.range === null) {
      this.isNarrow = !this.hasLoaded
      this.range = this.isNarrow ? view : fetchRangeFor(view)
      this.restart()
    }
    const range = this.range
    const lastPage = Math.floor(Math.max(first, last) / LANE_PAGE)
    const loads: Promise<void>[] = []
    for (let page = Math.floor(first / LANE_PAGE); page <= lastPage; page++) {
      const key = `${String(this.generation)}|${String(page)}`
      if (this.fresh.has(page) || this.inFlight.has(key)) continue
      this.inFlight.add(key)
      loads.push(this.loadPage(page, range, this.isNarrow ? firstPageLimit(this.windowHeight()) : LANE_PAGE, this.generation, key))
    }
    return Promise.all(loads).then(() => undefined)
  }

  /**
   * Reloads what is on screen after every sync and every draft that reached the remote, and whenever the client
   * says such an event may have been missed (the host restarted: lib/state/follow.ts).
   */
  watch(): Unsubscribe {
    return stopAll([
      this.core.subscribe((message) => {
        if (message.name === 'sync/finished' || (message.name === 'draft/state-changed' && message.payload.state === 'synced')) this.reload()
      }),
      this.core.onMissedEvents(() => this.reload())
    ])
  }

  reload(): void {
    const { view, first, last } = this.wanted
    if (view === null) return
    this.range = null
    void this.ensure(view, first, last)
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

  private async loadPage(page: number, range: ViewRange, limit: number, generation: number, key: string): Promise<void> {
    const result = await this.core.invoke('timeline/lanes', lanesPageInput(range, page, limit))
    this.inFlight.delete(key)
    if (generation !== this.generation) return
    this.hasLoaded = true
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    // The first answer covered the view alone: the margins a pan moves into are asked for once the lanes show.
    if (this.isNarrow) {
      this.isNarrow = false
      this.isMarginDue = true
    }
    // A page asked for in part (the first read) is asked for whole by the next `ensure` that reaches it.
    if (limit === LANE_PAGE) this.fresh.add(page)
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
