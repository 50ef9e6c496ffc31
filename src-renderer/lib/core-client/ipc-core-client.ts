import type { CoreBridge } from '#contract/bridge'
import type { CommandName } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import type { EventMessage } from '#contract/events'
import { isEventName } from '#contract/event-names'
import type { CoreClient } from './core-client.ts'

/** Talks to Electron's main process through the preload's `window.core` bridge. */
export function createIpcCoreClient(bridge: CoreBridge): CoreClient {
  return {
    async invoke(name: CommandName, input: unknown) {
      return (await bridge.invoke(name, input ?? {})) as Envelope<never>
    },
    subscribe(listener) {
      return bridge.on((name, payload) => {
        if (isEventName(name)) listener({ name, payload } as EventMessage)
      })
    }
  }
}
