import type { IncomingMessage, ServerResponse } from 'node:http'
import { STREAM_START_EVENT } from '#contract/event-stream'
import type { EventBus } from '#core/lib/event-bus'

const HEARTBEAT_MS = 15_000
/**
 * How soon the browser reconnects once the stream drops (its own default is 3 s): after a host restart the page reads
 * its states again only once it is back on the stream (src-renderer/lib/state/follow.ts).
 */
const RECONNECT_MS = 1_000

/** How many core events the host has seen since it started: the mark of `/rpc` answers and of stream starts. */
export type EventCount = { readonly seen: number }

/**
 * Counts the core's events. Subscribed when the host starts, before any stream: the event bus calls its listeners in
 * the order they subscribed, so the count includes an event before any stream sends it.
 */
export function countEvents(events: Pick<EventBus, 'subscribe'>): EventCount {
  const count = { seen: 0 }
  events.subscribe(() => {
    count.seen += 1
  })
  return count
}

/**
 * Streams every core event to one browser tab as server-sent events until it disconnects, after a first message
 * that names the count it follows on from (contract/event-stream.ts). While the core loads the count is 0 and
 * stays so until this stream subscribes (deferred-core.ts subscribes every early stream at once).
 */
export function openEventStream(request: IncomingMessage, response: ServerResponse, events: Pick<EventBus, 'subscribe'>, count: EventCount): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive'
  })
  const unsubscribe = events.subscribe((message) => {
    response.write(`data: ${JSON.stringify(message)}\n\n`)
  })
  response.write(`: connected\nretry: ${String(RECONNECT_MS)}\nevent: ${STREAM_START_EVENT}\ndata: ${String(count.seen)}\n\n`)
  const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS)
  const close = (): void => {
    clearInterval(heartbeat)
    unsubscribe()
  }
  request.on('close', close)
  response.on('error', close)
}
