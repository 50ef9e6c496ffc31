import { describe, expect, test } from 'vitest'
import { success } from '#contract/envelope'
import type { TemplateListItem } from '#contract/models/template'
import { follow, stopAll } from '../../../../src-renderer/lib/state/follow.ts'
import { DraftsState } from '../../../../src-renderer/lib/state/drafts.svelte.ts'
import { TemplatesState } from '../../../../src-renderer/lib/state/templates.svelte.ts'
import { FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

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

describe('follow', () => {
  test('loads each state once, then each reads again on the events it watches', async () => {
    const client = core()
    const templates = new TemplatesState(client)
    const drafts = new DraftsState(client)
    const stop = follow(templates, drafts)
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
    const stop = follow(new TemplatesState(client), new DraftsState(client))
    expect(client.listenerCount).toBe(2)
    stop()
    expect(client.listenerCount).toBe(0)
    await settle()
    const callsBefore = client.calls.length
    client.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    await settle()
    expect(client.calls).toHaveLength(callsBefore)
  })

  test('stopAll calls each stop once, in order', () => {
    const stopped: string[] = []
    stopAll([() => stopped.push('a'), () => stopped.push('b')])()
    expect(stopped).toEqual(['a', 'b'])
  })
})
