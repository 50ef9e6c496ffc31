import { describe, expect, test } from 'vitest'
import type { SyncStatus } from '#contract/commands/sync'
import { success } from '#contract/envelope'
import { HostReachability } from '../../../../src-renderer/lib/core-client/host-reachability.ts'
import { SyncState } from '../../../../src-renderer/lib/state/sync.svelte.ts'
import { FakeCoreClient } from '../../../fakes/fake-core-client.ts'

const running: SyncStatus = {
  connectionId: 'conn-1',
  isRunning: true,
  lastStartedAt: '2026-11-26T10:00:00Z',
  lastFinishedAt: null,
  lastError: null,
  lastSuccessAt: '2026-11-26T09:00:00Z',
  failure: null,
  isOffline: false,
  health: 'ok'
}

describe('SyncState and the host', () => {
  test('follows whether the host answers, from the state it is in when watched, until unwatched', () => {
    const reachability = new HostReachability()
    reachability.report(false)
    const sync = new SyncState(new FakeCoreClient(), reachability)
    const stop = sync.watch()
    expect(sync.isHostReachable).toBe(false)
    reachability.report(true)
    expect(sync.isHostReachable).toBe(true)
    stop()
    reachability.report(false)
    expect(sync.isHostReachable).toBe(true)
  })

  test('knows when the host refuses this page (restarted with a new token), until a request is answered again', () => {
    const reachability = new HostReachability()
    const sync = new SyncState(new FakeCoreClient(), reachability)
    const stop = sync.watch()
    reachability.report(false)
    expect([sync.isHostReachable, sync.isHostSessionEnded]).toEqual([false, false])
    reachability.reportSessionEnded()
    expect([sync.isHostReachable, sync.isHostSessionEnded]).toEqual([false, true])
    // A dropped stream after that does not make it look like the host is merely away.
    reachability.report(false)
    expect(sync.isHostSessionEnded).toBe(true)
    reachability.report(true)
    expect([sync.isHostReachable, sync.isHostSessionEnded]).toEqual([true, false])
    stop()
  })

  test('a sync last seen running is not shown as running while the host does not answer', async () => {
    const reachability = new HostReachability()
    const sync = new SyncState(new FakeCoreClient().answer('sync/status', () => success([running])), reachability)
    const stop = sync.watch()
    await sync.load()
    expect(sync.isRunning).toBe(true)
    reachability.report(false)
    expect(sync.isRunning).toBe(false)
    reachability.report(true)
    expect(sync.isRunning).toBe(true)
    stop()
  })
})
