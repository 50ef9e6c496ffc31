import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventBus } from '#core/lib/event-bus'

const HEARTBEAT_MS = 15_000

/** Streams every core event to one browser tab as server-sent events until it disconnects. */
export function openEventStream(request: IncomingMessage, response: ServerResponse, events: Pick<EventBus, 'subscribe'>): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive'
  })
  response.write(': connected\n\n')
  const unsubscribe = events.subscribe((message) => {
    response.write(`data: ${JSON.stringify(message)}\n\n`)
  })
  const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS)
  const close = (): void => {
    clearInterval(heartbeat)
    unsubscribe()
  }
  request.on('close', close)
  response.on('error', close)
}
