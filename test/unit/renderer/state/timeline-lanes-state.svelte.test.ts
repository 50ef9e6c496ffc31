import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { CommandInput } from '#contract/commands'
import { success } from '#contract/envelope'
import { LANE_PAGE, RANGE_SETTLE_MS, TimelineLanesState } from '../../../../src-renderer/lib/state/timeline-lanes.svelte.ts'
import { fetchRangeFor, panBy, rangeAroundNow } from '../../../../src-renderer/lib/policy/timeline-view.ts'
import { firstLanesInput, firstPageLimit } from '../../../../src-renderer/lib/state/lanes-request.ts'
import { deferred, FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

const NOW = Date.UTC(2026, 10, 26, 12)
/** An 800 px tall window: its picture's first frame shows 18 rows (a 500 px viewport). */
const WINDOW_HEIGHT = 800
const LANES = 60

/** A core with LANES clusters in one project, each with one AUTO backup at now − 1 day. */
function coreWithLanes(): FakeCoreClient {
  const lanes = Array.from({ length: LANES }, (_, i) => ({
    clusterId: `in01-${String(i)}`,
    clusterName: `cluster-${String(i).padStart(2, '0')}`,
    connectionId: 'conn-1',
    connectionName: 'Org',
    projectId: 'proj-1',
    projectName: 'Project',
    restorable: null,
    marks: [{ kind: 'auto' as const, at: new Date(NOW - 86_400_000).toISOString(), backupId: `b-${String(i)}`, backupName: `b-${String(i)}` }]
  }))
  const groups = [{ connectionId: 'conn-1', connectionName: 'Org', projectId: 'proj-1', projectName: 'Project', lanes: LANES }]
  return new FakeCoreClient().answer('timeline/lanes', ({ offset = 0, limit = LANE_PAGE }) => success({ total: LANES, groups, lanes: lanes.slice(offset, offset + limit) }))
}

const asked = (core: FakeCoreClient): { fromMs: number; toMs: number; offset: number }[] =>
  core.callsOf('timeline/lanes').map((i: CommandInput<'timeline/lanes'>) => ({ fromMs: Date.parse(i.from), toMs: Date.parse(i.to), offset: i.offset ?? 0 }))

/** The picture's first steps: it asks for the lanes on screen, draws the answer, asks again (the margins follow). */
async function showFirstLanes(state: TimelineLanesState, view: ReturnType<typeof rangeAroundNow>): Promise<void> {
  void state.ensure(view, 0, 20)
  await vi.advanceTimersByTimeAsync(0)
  void state.ensure(view, 0, 20)
  await vi.advanceTimersByTimeAsync(0)
}

describe('TimelineLanesState loading', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  test('asks first for the visible lanes over the view alone, then, once the picture asks again, for the margins a pan moves into', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    const view = rangeAroundNow(NOW, 21)
    void state.ensure(view, 0, 20)
    await settle()
    expect(asked(core)).toEqual([{ ...view, offset: 0 }])
    expect(state.lane(0)?.clusterName).toBe('cluster-00')
    expect(state.lane(LANE_PAGE)).toBeUndefined()
    // Nothing more while the picture draws the first answer: the wider one would hold it back on the host.
    await vi.advanceTimersByTimeAsync(RANGE_SETTLE_MS)
    expect(asked(core)).toHaveLength(1)

    void state.ensure(view, 0, 20)
    await vi.advanceTimersByTimeAsync(0)
    expect(asked(core).slice(1)).toEqual([{ ...fetchRangeFor(view), offset: 0 }])
    // The lanes stayed on screen while the wider answer was on its way.
    expect(state.lane(0)?.marks).toHaveLength(1)
  })

  test('a view that leaves the loaded range asks again only once it has rested, with the last view', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    let view = rangeAroundNow(NOW, 21)
    await showFirstLanes(state, view)
    const before = core.callsOf('timeline/lanes').length

    // A drag: many moves, the last ones beyond the loaded range (one span each side).
    for (let step = 0; step < 30; step++) {
      view = panBy(view, 0.05)
      void state.ensure(view, 0, 20)
      await vi.advanceTimersByTimeAsync(RANGE_SETTLE_MS / 3)
    }
    await settle()
    expect(core.callsOf('timeline/lanes').length).toBe(before)
    expect(state.lane(0)?.marks).toHaveLength(1)

    await vi.advanceTimersByTimeAsync(RANGE_SETTLE_MS)
    expect(asked(core).slice(before)).toEqual([{ ...fetchRangeFor(view), offset: 0 }])
  })

  test('scrolling to lanes not yet loaded asks for their page at once', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    const view = rangeAroundNow(NOW, 21)
    await showFirstLanes(state, view)
    void state.ensure(view, 30, 50)
    await settle()
    expect(asked(core).slice(-2)).toEqual([{ ...fetchRangeFor(view), offset: LANE_PAGE }, { ...fetchRangeFor(view), offset: 2 * LANE_PAGE }])
    expect(state.lane(LANE_PAGE + 5)?.clusterName).toBe(`cluster-${String(LANE_PAGE + 5)}`)
  })

  test('dispose stops a re-fetch still waiting for the view to rest', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    const view = rangeAroundNow(NOW, 21)
    await showFirstLanes(state, view)
    const before = core.callsOf('timeline/lanes').length
    void state.ensure(panBy(view, 3), 0, 20)
    state.dispose()
    await vi.advanceTimersByTimeAsync(RANGE_SETTLE_MS * 2)
    expect(core.callsOf('timeline/lanes').length).toBe(before)
  })

  test('a sync that ended while the event stream was down is read once the stream is back: the lanes on screen are asked for again', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    const stop = state.watch()
    const view = rangeAroundNow(NOW, 21)
    await showFirstLanes(state, view)
    const before = core.callsOf('timeline/lanes').length
    core.disconnect()
    core.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(core.callsOf('timeline/lanes').length).toBe(before)
    core.reconnect()
    await vi.advanceTimersByTimeAsync(0)
    expect(core.callsOf('timeline/lanes').length).toBeGreaterThan(before)
    stop()
    core.reconnect()
    await vi.advanceTimersByTimeAsync(0)
    expect(core.listenerCount).toBe(0)
  })
})

describe('TimelineLanesState first read size', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  test('a visit first asks for the lanes its first frame shows in the window, and the rest of the page with the margins', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    const view = state.currentVisit(NOW)
    await settle()
    const limits = (): (number | undefined)[] => core.callsOf('timeline/lanes').map((i: CommandInput<'timeline/lanes'>) => i.limit)
    expect(limits()).toEqual([18])
    expect(state.lane(17)?.clusterName).toBe('cluster-17')
    expect(state.lane(18)).toBeUndefined()

    // The picture has painted those lanes and asks again, now with the overscan rows: one read of whole pages.
    void state.ensure(view, 0, 24)
    await vi.advanceTimersByTimeAsync(0)
    expect(limits()).toEqual([18, LANE_PAGE])
    expect(asked(core).at(-1)).toEqual({ ...fetchRangeFor(view), offset: 0 })
    expect(state.lane(24)?.clusterName).toBe('cluster-24')
  })

  test('the first read asks for as many lanes as rows fit the viewport of the window, at most a page', () => {
    expect(firstPageLimit(800)).toBe(18)
    // The viewport is 240…620 px tall whatever the window: 9 and 22 rows.
    expect(firstPageLimit(300)).toBe(9)
    expect(firstPageLimit(2000)).toBe(22)
    expect(firstLanesInput(NOW, 800)).toMatchObject({ offset: 0, limit: 18 })
  })
})

describe('TimelineLanesState visits', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  test('a visit asks for its first page at once, and the picture mounted meanwhile shows that view without asking again', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    const firstPage = state.visit(NOW)
    expect(asked(core)).toEqual([{ ...rangeAroundNow(NOW, 21), offset: 0 }])

    // The picture's code arrives a little later (another clock reading): it takes over the visit's view.
    const view = state.currentVisit(NOW + 5_000)
    expect(view).toEqual(rangeAroundNow(NOW, 21))
    void state.ensure(view, 0, 0)
    await firstPage
    expect(asked(core)).toHaveLength(1)
    expect(state.lane(0)?.clusterName).toBe('cluster-00')
  })

  test('the visit resolves only once its first page is in', async () => {
    const answer = deferred<undefined>()
    const first = coreWithLanes()
    const core = new FakeCoreClient().answer('timeline/lanes', async (input) => {
      await answer.promise
      return first.invoke('timeline/lanes', input)
    })
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    let isIn = false
    void state.visit(NOW).then(() => (isIn = true))
    await settle()
    expect(isIn).toBe(false)
    expect(state.hasLoaded).toBe(false)
    answer.resolve(undefined)
    await settle()
    expect(isIn).toBe(true)
    expect(state.lane(0)?.clusterName).toBe('cluster-00')
  })

  test('a new visit drops what the last one loaded and starts again from the default view around its own time', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    await state.visit(NOW)
    void state.ensure(panBy(rangeAroundNow(NOW, 21), -0.5), 30, 50)
    await vi.advanceTimersByTimeAsync(RANGE_SETTLE_MS)

    const later = NOW + 3_600_000
    const visit = state.visit(later)
    expect(state.hasLoaded).toBe(false)
    expect(state.lane(0)).toBeUndefined()
    expect(state.currentVisit(later + 60_000)).toEqual(rangeAroundNow(later, 21))
    await visit
    expect(asked(core).at(-1)).toEqual({ ...rangeAroundNow(later, 21), offset: 0 })
    expect(state.lane(0)?.clusterName).toBe('cluster-00')
  })

  test('a picture mounted without a visit (the list view switched to the picture) starts one', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core, () => WINDOW_HEIGHT)
    const view = state.currentVisit(NOW)
    expect(view).toEqual(rangeAroundNow(NOW, 21))
    await settle()
    expect(asked(core)).toEqual([{ ...view, offset: 0 }])
  })
})
