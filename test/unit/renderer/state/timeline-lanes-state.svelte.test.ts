import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { CommandInput } from '#contract/commands'
import { success } from '#contract/envelope'
import { LANE_PAGE, RANGE_SETTLE_MS, TimelineLanesState } from '../../../../src-renderer/lib/state/timeline-lanes.svelte.ts'
import { fetchRangeFor, panBy, rangeAroundNow } from '../../../../src-renderer/lib/policy/timeline-view.ts'
import { FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

const NOW = Date.UTC(2026, 10, 26, 12)
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

describe('TimelineLanesState loading', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  test('asks first for the visible lanes over the view alone, then for the margins a pan moves into', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core)
    const view = rangeAroundNow(NOW, 21)
    state.ensure(view, 0, 20)
    await settle()
    expect(asked(core)).toEqual([{ ...view, offset: 0 }])
    expect(state.lane(0)?.clusterName).toBe('cluster-00')
    expect(state.lane(LANE_PAGE)).toBeUndefined()

    await vi.advanceTimersByTimeAsync(0)
    expect(asked(core).slice(1)).toEqual([{ ...fetchRangeFor(view), offset: 0 }])
    // The lanes stayed on screen while the wider answer was on its way.
    expect(state.lane(0)?.marks).toHaveLength(1)
  })

  test('a view that leaves the loaded range asks again only once it has rested, with the last view', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core)
    let view = rangeAroundNow(NOW, 21)
    state.ensure(view, 0, 20)
    await vi.advanceTimersByTimeAsync(0)
    const before = core.callsOf('timeline/lanes').length

    // A drag: many moves, the last ones beyond the loaded range (one span each side).
    for (let step = 0; step < 30; step++) {
      view = panBy(view, 0.05)
      state.ensure(view, 0, 20)
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
    const state = new TimelineLanesState(core)
    const view = rangeAroundNow(NOW, 21)
    state.ensure(view, 0, 20)
    await vi.advanceTimersByTimeAsync(0)
    state.ensure(view, 30, 50)
    await settle()
    expect(asked(core).slice(-2)).toEqual([{ ...fetchRangeFor(view), offset: LANE_PAGE }, { ...fetchRangeFor(view), offset: 2 * LANE_PAGE }])
    expect(state.lane(LANE_PAGE + 5)?.clusterName).toBe(`cluster-${String(LANE_PAGE + 5)}`)
  })

  test('dispose stops a re-fetch still waiting for the view to rest', async () => {
    const core = coreWithLanes()
    const state = new TimelineLanesState(core)
    const view = rangeAroundNow(NOW, 21)
    state.ensure(view, 0, 20)
    await vi.advanceTimersByTimeAsync(0)
    const before = core.callsOf('timeline/lanes').length
    state.ensure(panBy(view, 3), 0, 20)
    state.dispose()
    await vi.advanceTimersByTimeAsync(RANGE_SETTLE_MS * 2)
    expect(core.callsOf('timeline/lanes').length).toBe(before)
  })
})
