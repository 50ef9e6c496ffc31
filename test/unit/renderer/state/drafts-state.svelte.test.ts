import { describe, expect, test } from 'vitest'
import { failure, success } from '#contract/envelope'
import type { Draft } from '#contract/models/draft'
import { DraftsState } from '../../../../src-renderer/lib/state/drafts.svelte.ts'
import { FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

function draft(id: string, overrides: Partial<Draft> = {}): Draft {
  return {
    id,
    clusterId: `in01-${id}`,
    connectionId: 'conn-1',
    policy: { enabled: true, frequency: '1,3,5', startTime: '02:00-04:00', retentionDays: 7 },
    basePolicy: null,
    state: 'local',
    updatedAt: '2026-11-20T10:00:00Z',
    ...overrides
  }
}

function coreWithDrafts(...drafts: Draft[]): { core: FakeCoreClient; stored: Draft[] } {
  const stored = [...drafts]
  const core = new FakeCoreClient().answer('draft/list', () => success([...stored]))
  return { core, stored }
}

describe('DraftsState', () => {
  test('load lists the drafts newest first and forgets selected ids that are gone', async () => {
    const { core, stored } = coreWithDrafts(draft('a', { updatedAt: '2026-11-20T09:00:00Z' }), draft('b', { updatedAt: '2026-11-20T11:00:00Z' }))
    const drafts = new DraftsState(core)
    await drafts.load()
    expect(drafts.drafts.map((d) => d.id)).toEqual(['b', 'a'])
    drafts.toggle('a', true)
    drafts.toggle('b', true)
    stored.splice(0, 1)
    await drafts.load()
    expect(drafts.selected).toEqual(['b'])
  })

  test('a failed load keeps the drafts it had and shows the error', async () => {
    const { core } = coreWithDrafts(draft('a'))
    const drafts = new DraftsState(core)
    await drafts.load()
    core.answer('draft/list', () => failure('store/failed', 'The drafts could not be read.'))
    await drafts.load()
    expect(drafts.error?.code).toBe('store/failed')
    expect(drafts.drafts.map((d) => d.id)).toEqual(['a'])
    expect(drafts.hasLoaded).toBe(true)
  })

  test('watch() moves a known draft to its new state in place, without reading the list while it is only syncing', async () => {
    const { core } = coreWithDrafts(draft('a', { state: 'queued' }))
    const drafts = new DraftsState(core)
    await drafts.load()
    const stop = drafts.watch()
    core.emit('draft/state-changed', { id: 'a', clusterId: 'in01-a', state: 'syncing' })
    await settle()
    expect(drafts.drafts[0]?.state).toBe('syncing')
    expect(core.callsOf('draft/list')).toHaveLength(1)
    stop()
  })

  test('watch() reads the list again when a draft settles (synced, conflict, back to local) or is unknown', async () => {
    const { core } = coreWithDrafts(draft('a'))
    const drafts = new DraftsState(core)
    await drafts.load()
    const stop = drafts.watch()
    core.emit('draft/state-changed', { id: 'a', clusterId: 'in01-a', state: 'conflict' })
    core.emit('draft/state-changed', { id: 'elsewhere', clusterId: 'in01-x', state: 'queued' })
    core.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await settle()
    expect(core.callsOf('draft/list')).toHaveLength(4)
    stop()
  })

  test('a failed push shows its reason, and the next state clears it', async () => {
    const { core } = coreWithDrafts(draft('a', { state: 'syncing' }))
    const drafts = new DraftsState(core)
    await drafts.load()
    const stop = drafts.watch()
    core.answer('draft/list', () => new Promise(() => undefined))
    core.emit('draft/state-changed', { id: 'a', clusterId: 'in01-a', state: 'failed', error: 'Retention must be between 1 and 365 days.' })
    expect(drafts.drafts[0]).toMatchObject({ state: 'failed', error: 'Retention must be between 1 and 365 days.' })
    core.emit('draft/state-changed', { id: 'a', clusterId: 'in01-a', state: 'queued' })
    expect(drafts.drafts[0]?.state).toBe('queued')
    expect(drafts.drafts[0]).not.toHaveProperty('error')
    stop()
  })

  test('unsubscribing stops following events', async () => {
    const { core } = coreWithDrafts(draft('a'))
    const drafts = new DraftsState(core)
    await drafts.load()
    const stop = drafts.watch()
    stop()
    expect(core.listenerCount).toBe(0)
    core.emit('draft/state-changed', { id: 'a', clusterId: 'in01-a', state: 'queued' })
    expect(drafts.drafts[0]?.state).toBe('local')
  })

  test('whileBusy marks the drafts busy for the work and clears them even when the work throws', async () => {
    const drafts = new DraftsState(new FakeCoreClient())
    let busyDuring: boolean[] = []
    await drafts.whileBusy(['a', 'b'], () => {
      busyDuring = [drafts.isBusy('a'), drafts.isBusy('b'), drafts.isBusy('c')]
      return Promise.resolve()
    })
    expect(busyDuring).toEqual([true, true, false])
    await expect(drafts.whileBusy(['a'], () => Promise.reject(new Error('push failed')))).rejects.toThrow('push failed')
    expect(drafts.isBusy('a')).toBe(false)
  })

  test('applyResults sets each pushed draft to its result and leaves the others alone', async () => {
    const { core } = coreWithDrafts(draft('a', { state: 'failed', error: 'old reason' }), draft('b'))
    const drafts = new DraftsState(core)
    await drafts.load()
    drafts.applyResults([{ id: 'a', state: 'synced' }])
    expect(drafts.drafts.find((d) => d.id === 'a')).toMatchObject({ state: 'synced' })
    expect(drafts.drafts.find((d) => d.id === 'a')).not.toHaveProperty('error')
    expect(drafts.drafts.find((d) => d.id === 'b')?.state).toBe('local')
  })
})
