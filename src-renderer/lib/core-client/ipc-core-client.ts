import type { CoreBridge } from '#contract/bridge'
import type { CommandName } from '#contract/commands'
import { failure, type Envelope } from '#contract/envelope'
import type { EventMessage } from '#contract/events'
import { isEventName } from '#contract/event-names'
import type { CoreClient } from './core-client.ts'

/** Talks to Electron's main process through the preload's `window.core` bridge. */
export function createIpcCoreClient(bridge: CoreBridge): CoreClient {
  return {
    async invoke(name: CommandName, input: unknown) {
      try {
        return (await bridge.invoke(name, input ?? {})) as Envelope<never>
      } catch {
        // The preload resolves envelopes and never rejects; a bridge torn down mid-call still gets the one shape.
        return failure('internal', 'The app core is not available right now.')
      }
    },
    subscribe(listener) {
      return bridge.on((name, payload) => {
        if (isEventName(name)) listener({ name, payload } as EventMessage)
      })
    },
    onMissedEvents() {
      // One channel from the window's first line to its last carries answers and events in order: none is missed.
      return () => undefined
    }
  }
}
