/**
 * One /v2 request, in order: count, injected fault, Bearer key (401), route (404), rate limit
 * (429, judged by the request's arrival time), JSON body, lifecycle sync, handler. Business errors are
 * HTTP 200 + {code, message}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorCore } from './emulator.ts'
import { ApiError } from './errors.ts'
import type { FaultSpec } from './faults.ts'
import { backupRoutes } from './handlers/backups.handlers.ts'
import { metaRoutes } from './handlers/meta.handlers.ts'
import { policyRoutes } from './handlers/policy.handlers.ts'
import { restoreRoutes } from './handlers/restore.handlers.ts'
import { delay, parseJson, readBody, sendJson } from './http-io.ts'
import { createRouter } from './router.ts'

const route = createRouter([...policyRoutes, ...backupRoutes, ...restoreRoutes, ...metaRoutes])

export type PipelineOptions = { latencyMs: number; rateLimit: number; baseUrl: () => string }

export async function handleApi(
  core: EmulatorCore,
  options: PipelineOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  headers: Record<string, string>
): Promise<void> {
  const method = req.method ?? 'GET'
  // The rate limit counts a request when it arrives, before the emulated latency (see rate-limit.ts).
  const arrivedAt = core.clock.now()
  const text = await readBody(req)
  if (options.latencyMs > 0) await delay(options.latencyMs)
  const match = route(method, url.pathname)
  const endpoint = match.kind === 'found' ? match.endpoint : 'unmatched'
  core.counts.set(endpoint, (core.counts.get(endpoint) ?? 0) + 1)

  const fault = core.faults.take(method, url.pathname, url.searchParams)
  if (fault !== undefined && (await applyFault(fault, res, headers))) return

  const apiKey = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim()
  if (apiKey === undefined || !core.apiKeys.has(apiKey)) {
    sendJson(res, 401, { code: 21119, message: 'The apikey is illegal' }, headers)
    return
  }
  if (match.kind !== 'found') {
    sendJson(res, 404, { code: 404, message: `No route for ${method} ${url.pathname}` }, headers)
    return
  }
  const decision = core.limiter.check(apiKey, match.endpoint, arrivedAt)
  if (!decision.allowed) {
    const message = `Too many requests: at most ${options.rateLimit} requests per second per API key per endpoint.`
    sendJson(res, 429, { code: 429, message }, { ...headers, 'Retry-After': String(decision.retryAfterSeconds) })
    return
  }
  const body = parseJson(text)
  let payload: unknown
  if (!body.ok) {
    payload = { code: 96100, message: 'Invalid request body. The body is not valid JSON.' }
  } else {
    const now = core.sync()
    try {
      const data = match.route.handler({ params: match.params, query: url.searchParams, body: body.value, now, world: core.world, baseUrl: options.baseUrl() })
      payload = { code: 0, data }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      payload = { code: error.code, message: error.message }
    }
    if (method !== 'GET') core.changed()
  }
  if (fault?.kind === 'drop-after') {
    req.socket.destroy()
    return
  }
  sendJson(res, 200, payload, headers)
}

/** Returns true when the fault has taken over the response. */
async function applyFault(fault: FaultSpec, res: ServerResponse, headers: Record<string, string>): Promise<boolean> {
  switch (fault.kind) {
    case 'latency':
      await delay(fault.ms)
      return false
    case 'drop-after':
      return false
    case 'drop-before':
      res.socket?.destroy()
      return true
    case 'http-error':
      sendJson(res, fault.status, { code: fault.code ?? fault.status, message: fault.message ?? 'Injected fault' }, headers)
      return true
    case 'business-error':
      sendJson(res, 200, { code: fault.code, message: fault.message ?? 'Injected fault' }, headers)
      return true
    case 'stall-headers':
      return true
    case 'stall-body':
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json' })
      res.write('{"code":0,"data":')
      return true
  }
}
