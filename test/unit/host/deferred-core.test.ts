import { describe, expect, it } from 'vitest'
import type { Invoke } from '#core/dispatch'
import { EventBus } from '#core/lib/event-bus'
import type { EventMessage } from '#contract/events'
import { deferredCore } from '#host/deferred-core'

/** A core still loading; `onInvoke` runs as a command does (e.g. it sends an event). */
function pendingCore(onInvoke: (events: EventBus) => void = () => undefined) {
  let resolve: (core: { invoke: Invoke; events: EventBus }) => void = () => undefined
  const promise = new Promise<{ invoke: Invoke; events: EventBus }>((r) => (resolve = r))
  const events = new EventBus()
  const calls: string[] = []
  const invoke = ((name: string) => {
    calls.push(name)
    onInvoke(events)
    return Promise.resolve({ ok: true, value: name })
  }) as Invoke
  return { promise, ready: () => resolve({ invoke, events }), events, calls }
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const synced: EventMessage = { name: 'sync/finished', payload: { connectionId: 'conn-1', ok: true } }

describe('the core while it loads, as the browser host sees it', () => {
  it('runs a command sent before the core exists once it does', async () => {
    const core = pendingCore()
    const deferred = deferredCore(core.promise)
    const answer = deferred.invoke('app/info', {})
    await flush()
    expect(core.calls).toEqual([])
    core.ready()
    await expect(answer).resolves.toEqual({ ok: true, value: 'app/info' })
  })

  it('an event stream opened early receives the core’s events; one closed early never subscribes', async () => {
    const core = pendingCore()
    const deferred = deferredCore(core.promise)
    const received: EventMessage[] = []
    deferred.events.subscribe((message) => received.push(message))
    const closedEarly = deferred.events.subscribe(() => received.push(synced))
    closedEarly()
    core.ready()
    await flush()
    expect(core.events.listenerCount).toBe(1)
    core.events.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    expect(received).toEqual([synced])
  })

  it('every early stream is on the core before any waiting command runs, so none misses the event a command sends', async () => {
    const core = pendingCore((events) => events.emit('sync/finished', { connectionId: 'conn-1', ok: true }))
    const deferred = deferredCore(core.promise)
    const first: EventMessage[] = []
    const second: EventMessage[] = []
    deferred.events.subscribe((message) => first.push(message))
    // A command that arrived between the two streams sends an event as it runs.
    const answer = deferred.invoke('app/info', {})
    deferred.events.subscribe((message) => second.push(message))
    core.ready()
    await answer
    expect(first).toEqual([synced])
    expect(second).toEqual([synced])
  })
})
