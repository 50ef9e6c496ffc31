import type { CommandName } from '#contract/commands'
import type { EventMessage } from '#contract/events'
import { isEventName } from '#contract/event-names'
import { EVENTS_SEEN_HEADER, STREAM_START_EVENT } from '#contract/event-stream'
import { failure, type Envelope } from '#contract/envelope'
import type { CoreClient } from './core-client.ts'
import { EventGaps } from './event-gaps.ts'
import { hostReachability, SESSION_ENDED_TEXT, type HostReachability } from './host-reachability.ts'
import { postRpc } from './host-requests.ts'

/** How long after the browser gave up on the event stream (an answer that was not the stream) a new one is opened. */
const REOPEN_MS = 2_000

/**
 * Talks to the browser host: `POST /rpc/<command>` and server-sent events on `/events`. The stream is opened when
 * the client is made and lives with the page; the browser reconnects it by itself when the host goes and comes back,
 * and `EventGaps` tells when reads may have missed an event meanwhile.
 */
export function createHttpCoreClient(baseUrl = '', reachability: HostReachability = hostReachability): CoreClient {
  const listeners = new Set<(message: EventMessage) => void>()
  const missedListeners = new Set<() => void>()
  const gaps = new EventGaps(() => {
    for (const listener of [...missedListeners]) listener()
  })

  const open = (): void => {
    const source = new EventSource(`${baseUrl}/events`)
    source.addEventListener(STREAM_START_EVENT, (event: MessageEvent<string>) => {
      reachability.report(true)
      gaps.streamStarted(Number(event.data))
    })
    source.onerror = () => {
      reachability.report(false)
      gaps.streamDropped()
      // A dropped stream is retried by the browser (the host's `retry:` says when); an answer other than the
      // stream closes it for good, so it is opened anew here, and a request tells whether that answer was the
      // host refusing this page's session (a 401 the stream cannot show).
      if (source.readyState === EventSource.CLOSED) {
        void postRpc(baseUrl, 'app/info', {}).then((response) => {
          if (response.status === 401) reachability.reportSessionEnded()
        }, () => undefined)
        setTimeout(open, REOPEN_MS)
      }
    }
    source.onmessage = (event: MessageEvent<string>) => {
      const message = parseEvent(event.data)
      if (message !== null) for (const listener of [...listeners]) listener(message)
    }
  }
  open()

  return {
    async invoke(name: CommandName, input: unknown) {
      const mark = gaps.mark
      try {
        // The mark of a request the page's first script sent (host-requests.ts) is taken here, as the first screen
        // takes it (first-screen.ts): before the event stream can have begun, as when it was sent.
        const response = await postRpc(baseUrl, name, input)
        if (response.status === 401) {
          reachability.reportSessionEnded()
          return failure('host/unreachable', SESSION_ENDED_TEXT)
        }
        reachability.report(true)
        const envelope = (await response.json()) as Envelope<never>
        const seen = response.headers.get(EVENTS_SEEN_HEADER)
        if (seen !== null) gaps.answered(mark, Number(seen))
        return envelope
      } catch {
        reachability.report(false)
        return failure('host/unreachable', 'Backup Desk is not answering: is `npm run web` still running?')
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onMissedEvents(listener) {
      missedListeners.add(listener)
      return () => missedListeners.delete(listener)
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
