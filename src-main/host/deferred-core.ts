import type { Invoke } from '#core/dispatch'
import type { EventSource } from './http-host.ts'

type CoreLike = { invoke: Invoke; events: EventSource }

/**
 * The core as the host sees it while the real one still loads (docs/architecture.md, "Listen first, warm later"):
 * a command waits for the core and then runs; an event stream opened early follows the core's events from the
 * moment it exists, and one closed before that never subscribes.
 */
export function deferredCore(core: Promise<CoreLike>): CoreLike {
  const invoke = (async (name: string, input: unknown) => (await core).invoke(name, input)) as Invoke
  const events: EventSource = {
    subscribe(listener) {
      let unsubscribe: (() => void) | null = null
      let isOpen = true
      void core.then((ready) => {
        if (isOpen) unsubscribe = ready.events.subscribe(listener)
      })
      return () => {
        isOpen = false
        unsubscribe?.()
      }
    }
  }
  return { invoke, events }
}
