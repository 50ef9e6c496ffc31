import { describe, expect, test } from 'vitest'
import { success } from '#contract/envelope'
import { parseRoute } from '../../../../src-renderer/lib/route.ts'
import { firstLanesInput } from '../../../../src-renderer/lib/state/lanes-request.ts'
import { TimelineLanesState } from '../../../../src-renderer/lib/state/timeline-lanes.svelte.ts'
import { FakeCoreClient } from '../../../fakes/fake-core-client.ts'

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0, 123)

describe('the first screen’s early read (first-screen.ts)', () => {
  test('is the very read a visit to the picture sends first, so the visit takes its answer', () => {
    const core = new FakeCoreClient().answer('timeline/lanes', () => success({ total: 0, groups: [], lanes: [] }))
    void new TimelineLanesState(core, () => 800).visit(NOW)
    expect(core.callsOf('timeline/lanes')).toEqual([firstLanesInput(NOW, 800)])
    // Compared as the early-read client compares them: the same text, keys in the same order.
    expect(JSON.stringify(core.callsOf('timeline/lanes')[0])).toBe(JSON.stringify(firstLanesInput(NOW, 800)))
  })

  test('reads the screen from the address as the shell’s router does', () => {
    expect(parseRoute('#/timeline')).toEqual({ section: 'timeline', params: {} })
    expect(parseRoute('#/timeline?view=list')).toEqual({ section: 'timeline', params: { view: 'list' } })
    expect(parseRoute('#timeline')).toEqual({ section: 'timeline', params: {} })
    expect(parseRoute('#/backups?cluster=in01-1&q=a%20b')).toEqual({ section: 'backups', params: { cluster: 'in01-1', q: 'a b' } })
    expect(parseRoute('')).toEqual({ section: 'fleet', params: {} })
    expect(parseRoute('#/nowhere')).toEqual({ section: 'fleet', params: {} })
  })
})
