import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Invoke } from '#core/dispatch'
import type { EventBus } from '#core/lib/event-bus'
import type { Logger } from '#core/lib/logger'
import { CONTENT_SECURITY_POLICY } from '#core/security/csp'
import { failure } from '#contract/envelope'
import { EVENTS_SEEN_HEADER } from '#contract/event-stream'
import { authenticate, isSameOriginRequest, sessionCookie } from './session-auth.ts'
import { staticFiles, type StaticFiles } from '#core/security/static-files'
import type { FirstPaintPages } from '#core/security/first-paint-page'
import { countEvents, openEventStream, type EventCount } from './event-stream.ts'

/** Where the host's event stream listens: the core's event bus, or a stand-in while the core loads. */
export type EventSource = Pick<EventBus, 'subscribe'>

export type HttpHostOptions = {
  invoke: Invoke
  events: EventSource
  rendererDir: string
  token: string
  port?: number
  logger: Logger
  /** The host's first paint of a fresh page (core/security/first-paint-page.ts); without it, index.html as built. */
  firstPaint?: FirstPaintPages
}

export type RunningHost = { url: string; port: number; close(): Promise<void> }

const MAX_BODY_BYTES = 1024 * 1024
/** How much of an oversized body is still read (and dropped) so that the client gets its 413. */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES

/**
 * The browser host: the built renderer and the core's contract over loopback HTTP.
 * `POST /rpc/<noun>/<verb>` answers an envelope; `GET /events` streams core events (SSE).
 * Bound to 127.0.0.1 only; every request needs the session token.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<RunningHost> {
  const count = countEvents(options.events)
  const files = staticFiles(options.rendererDir)
  const server = createServer((request, response) => {
    handle(request, response, options, files, count, port()).catch((error: unknown) => {
      options.logger.error('host request failed', { error: String(error) })
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error')
      else response.destroy()
    })
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 60_000
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  const port = (): number => (server.address() as AddressInfo).port
  // After listening, in the background (docs/architecture.md, "Listen first, warm later"): the first page then finds
  // its files in memory like every later one, instead of waiting on disk reads behind the core's start.
  void files.warm().then(() => options.firstPaint?.warm())
  return {
    url: `http://127.0.0.1:${port()}`,
    port: port(),
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections()
        server.close(() => resolveClose())
      })
  }
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpHostOptions,
  files: StaticFiles,
  count: EventCount,
  port: number
): Promise<void> {
  setSecurityHeaders(response)
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
  if (!isSameOriginRequest(request, port)) {
    send(response, 403, 'text/plain; charset=utf-8', 'Forbidden: cross-origin request')
    return
  }
  const isPageLoad = request.method === 'GET' && !url.pathname.startsWith('/rpc/') && url.pathname !== '/events'
  const auth = authenticate(request, url, options.token, isPageLoad)
  if (auth === null) {
    send(response, 401, 'text/plain; charset=utf-8', 'Unauthorized: open the URL printed by `npm run web`, which carries the session token.')
    return
  }
  if (auth === 'query') {
    // Trade the token in the address bar for an HttpOnly cookie, and drop it from the URL.
    response.setHeader('Set-Cookie', sessionCookie(options.token))
    response.statusCode = 303
    response.setHeader('Location', url.pathname === '/' ? '/' : url.pathname)
    response.end()
    return
  }
  if (url.pathname.startsWith('/rpc/')) {
    await handleRpc(request, response, url, options, count.seen)
    return
  }
  if (url.pathname === '/events' && request.method === 'GET') {
    openEventStream(request, response, options.events, count)
    return
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed')
    return
  }
  const firstPaint = await options.firstPaint?.page(files, { method: request.method ?? 'GET', path: url.pathname, acceptLanguage: request.headers['accept-language'], cookie: request.headers.cookie })
  if (firstPaint !== undefined && firstPaint !== null) {
    response.setHeader('Content-Security-Policy', firstPaint.contentSecurityPolicy)
    response.setHeader('Cache-Control', 'no-store')
    send(response, 200, 'text/html; charset=utf-8', firstPaint.body)
    return
  }
  const file = await files.read(url.pathname)
  if (file === null) {
    send(response, 404, 'text/plain; charset=utf-8', 'Not found')
    return
  }
  response.setHeader('Cache-Control', file.cacheControl)
  send(response, 200, file.contentType, file.body)
}

async function handleRpc(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  options: HttpHostOptions,
  /** The events seen as the request arrived: its answer reflects at least those (contract/event-stream.ts). */
  eventsSeen: number
): Promise<void> {
  response.setHeader('Cache-Control', 'no-store')
  response.setHeader(EVENTS_SEEN_HEADER, String(eventsSeen))
  if (request.method !== 'POST') {
    send(response, 405, 'application/json', JSON.stringify(failure('input/invalid', 'Use POST for /rpc/<command>.')))
    return
  }
  const name = url.pathname.slice('/rpc/'.length)
  const body = await readBody(request)
  if (body === null) {
    send(response, 413, 'application/json', JSON.stringify(failure('input/invalid', 'The request body is too large.')))
    return
  }
  let input: unknown
  try {
    input = body.length === 0 ? {} : (JSON.parse(body) as unknown)
  } catch {
    send(response, 400, 'application/json', JSON.stringify(failure('input/invalid', 'The request body is not valid JSON.')))
    return
  }
  const envelope = await options.invoke(name, input)
  send(response, 200, 'application/json', JSON.stringify(envelope))
}

/**
 * The body as text, or null when it exceeds MAX_BODY_BYTES. An oversized body is read to its end and
 * discarded, so the 413 envelope reaches the client: closing a socket with unread data resets it instead.
 * Only a body past MAX_DRAINED_BYTES is cut off.
 */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_DRAINED_BYTES) request.destroy()
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    request.on('end', () => resolveBody(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  response.setHeader('X-Content-Type-Options', 'nosniff')
  response.setHeader('Referrer-Policy', 'no-referrer')
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.statusCode = status
  response.setHeader('Content-Type', contentType)
  response.end(body)
}
