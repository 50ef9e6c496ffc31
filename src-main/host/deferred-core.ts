import type { Invoke } from '#core/dispatch'
import type { EventListener, Unsubscribe } from '#core/lib/event-bus'
import type { EventSource } from './http-host.ts'

type CoreLike = { invoke: Invoke; events: EventSource }

/**
 * The core as the host sees it while the real one still loads (docs/architecture.md, "Listen first, warm later"):
 * a command waits for the core and then runs; an event stream opened early follows the core's events from the
 * moment it exists, and one closed before that never subscribes. Every early stream subscribes in one go, before
 * any waiting command runs, so no command can send an event that one of them (the host's event count among them,
 * event-stream.ts) misses.
 */
export function deferredCore(core: Promise<CoreLike>): CoreLike {
  type Early = { listener: EventListener; unsubscribe: Unsubscribe | null }
  const early = new Set<Early>()
  let ready: CoreLike | null = null
  // Registered before any command's wait for the core, so it runs first.
  void core.then((loaded) => {
    ready = loaded
    for (const stream of early) stream.unsubscribe = loaded.events.subscribe(stream.listener)
    early.clear()
  })
  const invoke = (async (name: string, input: unknown) => (await core).invoke(name, input)) as Invoke
  const events: EventSource = {
    subscribe(listener) {
      if (ready !== null) return ready.events.subscribe(listener)
      const stream: Early = { listener, unsubscribe: null }
      early.add(stream)
      return () => {
        early.delete(stream)
        stream.unsubscribe?.()
      }
    }
  }
  return { invoke, events }
}
