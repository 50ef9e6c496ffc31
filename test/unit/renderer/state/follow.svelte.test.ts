import { describe, expect, test } from 'vitest'
import type { SyncStatus } from '#contract/commands/sync'
import { success } from '#contract/envelope'
import type { TemplateListItem } from '#contract/models/template'
import { follow, followAfter, stopAll } from '../../../../src-renderer/lib/state/follow.ts'
import { DraftsState } from '../../../../src-renderer/lib/state/drafts.svelte.ts'
import { SyncState } from '../../../../src-renderer/lib/state/sync.svelte.ts'
import { TemplatesState } from '../../../../src-renderer/lib/state/templates.svelte.ts'
import { deferred, FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

const template: TemplateListItem = {
  id: 't1',
  name: 'prod-daily',
  policy: { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '22:00-00:00', retentionDays: 21 },
  assigned: [],
  drifted: 0,
  updatedAt: '2026-11-20T10:00:00Z'
}

function core(): FakeCoreClient {
  return new FakeCoreClient().answer('template/list', () => success([template])).answer('draft/list', () => success([]))
}

function syncStatus(isRunning: boolean): SyncStatus {
  return {
    connectionId: 'conn-1',
    isRunning,
    lastStartedAt: '2026-11-26T10:00:00Z',
    lastFinishedAt: isRunning ? null : '2026-11-26T10:00:01Z',
    lastError: isRunning ? null : 'No API key is stored for this connection.',
    lastSuccessAt: '2026-11-26T09:00:00Z',
    failure: isRunning ? null : { cause: 'no-key', message: 'No API key is stored for this connection.' },
    isOffline: false,
    health: 'ok'
  }
}

describe('follow', () => {
  test('loads each state once, then each reads again on the events it watches', async () => {
    const client = core()
    const templates = new TemplatesState(client)
    const drafts = new DraftsState(client)
    const stop = follow(client, templates, drafts)
    await settle()
    expect(client.calls.map((c) => c.name)).toEqual(['template/list', 'draft/list'])
    expect(templates.items.map((t) => t.name)).toEqual(['prod-daily'])
    client.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await settle()
    expect(client.callsOf('template/list')).toHaveLength(2)
    expect(client.callsOf('draft/list')).toHaveLength(2)
    stop()
  })

  test('its unsubscribe ends every watch it started, and nothing is read after', async () => {
    const client = core()
    const stop = follow(client, new TemplatesState(client), new DraftsState(client))
    expect(client.listenerCount).toBe(2)
    stop()
    expect(client.listenerCount).toBe(0)
    await settle()
    const callsBefore = client.calls.length
    client.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await settle()
    expect(client.calls).toHaveLength(callsBefore)
  })

  test('a sync that ended while the stream was down does not stay "running": the status is read again when the client says events were missed', async () => {
    let isRunning = true
    const client = new FakeCoreClient().answer('sync/status', () => success([syncStatus(isRunning)]))
    const sync = new SyncState(client)
    const stop = follow(client, sync)
    await settle()
    expect(sync.isRunning).toBe(true)
    // The host restarts: its start-up sync fails (no key) before the page is back on the stream.
    client.disconnect()
    isRunning = false
    client.emit('sync/finished', { connectionId: 'conn-1', ok: false, error: { name: 'CoreError', code: 'secret/unavailable', message: 'No API key' } })
    await settle()
    expect(sync.isRunning).toBe(true)
    client.reconnect()
    await settle()
    expect(sync.isRunning).toBe(false)
    expect(sync.statusFor('conn-1')?.failure?.cause).toBe('no-key')
    expect(client.callsOf('sync/status')).toHaveLength(2)
    stop()
  })

  test('followAfter holds the first reads until its promise settles; events missed before that read nothing more', async () => {
    const client = core()
    const first = deferred<undefined>()
    const stop = followAfter(first.promise, client, new TemplatesState(client))
    client.reconnect()
    await settle()
    expect(client.calls).toEqual([])
    first.resolve(undefined)
    await settle()
    expect(client.callsOf('template/list')).toHaveLength(1)
    client.reconnect()
    await settle()
    expect(client.callsOf('template/list')).toHaveLength(2)
    stop()
  })

  test('a state with its own refresh is refreshed, not loaded, when events were missed', () => {
    const client = core()
    const read: string[] = []
    const state = {
      load: () => Promise.resolve(void read.push('load')),
      refresh: () => Promise.resolve(void read.push('refresh')),
      watch: () => () => undefined
    }
    const stop = follow(client, state)
    client.reconnect()
    client.reconnect()
    expect(read).toEqual(['load', 'refresh', 'refresh'])
    stop()
  })

  test('nothing is read after its unsubscribe: neither on missed events nor when held-back reads come due', async () => {
    const client = core()
    const first = deferred<undefined>()
    const stopFollow = follow(client, new TemplatesState(client))
    const stopAfter = followAfter(first.promise, client, new DraftsState(client))
    await settle()
    const callsBefore = client.calls.length
    stopFollow()
    stopAfter()
    client.reconnect()
    first.resolve(undefined)
    await settle()
    expect(client.calls).toHaveLength(callsBefore)
  })

  test('stopAll calls each stop once, in order', () => {
    const stopped: string[] = []
    stopAll([() => stopped.push('a'), () => stopped.push('b')])()
    expect(stopped).toEqual(['a', 'b'])
  })
})
