import type { CommandName } from '#contract/commands'
import type { EventMessage } from '#contract/events'
import { isEventName } from '#contract/event-names'
import { failure, type Envelope } from '#contract/envelope'
import type { CoreClient } from './core-client.ts'

/** Talks to the browser host: `POST /rpc/<command>` and server-sent events on `/events`. */
export function createHttpCoreClient(baseUrl = ''): CoreClient {
  const listeners = new Set<(message: EventMessage) => void>()
  let source: EventSource | null = null

  const ensureStream = (): void => {
    if (source !== null) return
    source = new EventSource(`${baseUrl}/events`)
    source.onmessage = (event: MessageEvent<string>) => {
      const message = parseEvent(event.data)
      if (message !== null) for (const listener of [...listeners]) listener(message)
    }
  }

  return {
    async invoke(name: CommandName, input: unknown) {
      try {
        const response = await fetch(`${baseUrl}/rpc/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {})
        })
        return (await response.json()) as Envelope<never>
      } catch {
        return failure('internal', 'Backup Desk is not answering: is `npm run web` still running?')
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      ensureStream()
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && source !== null) {
          source.close()
          source = null
        }
      }
    }
  }
}

function parseEvent(data: string): EventMessage | null {
  try {
    const message = JSON.parse(data) as { name?: unknown; payload?: unknown }
    if (typeof message.name !== 'string' || !isEventName(message.name)) return null
    return message as EventMessage
  } catch {
    return null
  }
}
