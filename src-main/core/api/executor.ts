/**
 * Runs one API operation: limiter slot → breaker permit → one attempt → classification → retry decision
 * (docs/reliability.md#r22 to #r26). Only GETs are retried on ambiguous failures; any method is retried when the
 * failure provably happened before the request was written.
 */
import type { Clock } from '../lib/clock.ts'
import type { Logger } from '../lib/logger.ts'
import { ApiError, compactDetails } from './api-error.ts'
import { CircuitBreaker } from './circuit-breaker.ts'
import type { AttemptVerdict, BreakerState } from './circuit-breaker.ts'
import { ClockSkew } from './clock-skew.ts'
import { deadlineSignal } from './deadline-signal.ts'
import { sendOnce } from './http.ts'
import type { HttpResult } from './http.ts'
import { RateLimiter } from './rate-limiter.ts'
import type { Permit } from './rate-limiter.ts'
import { classifyResponse } from './response.ts'
import type { Classified } from './response.ts'
import { backoffDelay, parseRetryAfter } from './retry.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import type { ApiLimits } from './limits.ts'

export type Operation = {
  method: 'GET' | 'POST' | 'DELETE'
  /** Route template, e.g. `/v2/clusters/{id}/backups/policy`: the limiter key and the name used in errors. */
  route: string
  path: string
  query?: Record<string, string | number | undefined>
  body?: unknown
}

type OperationResult = { data: unknown; body: Record<string, unknown> }

export type ClientStats = {
  /** Attempts actually sent, per `METHOD /route/template`. */
  requests: Record<string, number>
  total: number
  rateLimited: number
  retries: number
  breakerRejections: number
  breakerOpens: number
}

type ExecutorDeps = {
  baseUrl: string
  apiKey: string
  clock: Clock
  logger: Logger
  fetch: typeof fetch
  sleep: (ms: number) => Promise<void>
  random: () => number
  limits?: Partial<ApiLimits>
}

type Failure = Extract<Classified, { ok: false }>

export function createExecutor(deps: ExecutorDeps) {
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...deps.limits }
  const { clock, logger, baseUrl } = deps
  const skew = new ClockSkew()
  const limiter = new RateLimiter(limits)
  const breaker = new CircuitBreaker({
    threshold: limits.breakerThreshold,
    cooldownMs: limits.breakerCooldownMs,
    now: () => clock.now()
  })
  const counters = { total: 0, rateLimited: 0, retries: 0, breakerRejections: 0 }
  const requests: Record<string, number> = {}
  const authorization = `Bearer ${deps.apiKey}`

  const pausedError = (retryAtMs: number): ApiError => {
    counters.breakerRejections++
    const at = new Date(retryAtMs).toTimeString().slice(0, 8)
    const retryAfterMs = Math.max(0, retryAtMs - clock.now())
    return new ApiError(
      'api/unreachable',
      `Calls to Zilliz Cloud are paused after repeated failures; retrying at ${at}.`,
      'not-sent',
      compactDetails({ retryAfterMs })
    )
  }

  const transportFailure = (result: Extract<HttpResult, { ok: false }>, op: Operation, endpoint: string): Failure => {
    const isGet = op.method === 'GET'
    const timeoutMs = isGet ? limits.getTimeoutMs : limits.postTimeoutMs
    const options = { cause: result.cause }
    switch (result.kind) {
      case 'connect':
        return failure(new ApiError('api/unreachable', 'Cannot reach Zilliz Cloud — check the network or the base URL.', 'not-sent', undefined, options), true, true)
      case 'timeout':
        return failure(new ApiError('api/timeout', `Zilliz Cloud did not answer ${endpoint} within ${timeoutMs / 1000} s.`, 'unknown', undefined, options), isGet, true)
      case 'deadline':
        return failure(new ApiError('api/timeout', `${endpoint} did not complete within ${limits.operationTimeoutMs / 1000} s.`, 'unknown', undefined, options), false, false)
      case 'broken':
        return failure(new ApiError('api/unreachable', `The connection to Zilliz Cloud broke during ${endpoint}; check the network.`, 'unknown', undefined, options), isGet, true)
    }
  }

  async function run(op: Operation): Promise<OperationResult> {
    const endpoint = `${op.method} ${op.route}`
    const isGet = op.method === 'GET'
    const url = buildUrl(baseUrl, op.path, op.query)
    const headers: Record<string, string> = {
      Authorization: authorization,
      Accept: 'application/json',
      'User-Agent': 'backup-desk'
    }
    const body = op.body === undefined ? undefined : JSON.stringify(op.body)
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const deadlineAt = clock.now() + limits.operationTimeoutMs
    // Released when the operation ends, so nothing it listens with outlives it (deadline-signal.ts).
    const deadline = deadlineSignal(limits.operationTimeoutMs)
    const overall = deadline.signal
    try {
      for (let attempt = 1; ; attempt++) {
        // Fail fast while open instead of queueing behind the limiter.
        if (breaker.state() === 'open') {
          const permit = breaker.tryAcquire()
          if (!permit.allowed) throw pausedError(permit.retryAtMs)
        }
        let slot: Permit
        try {
          slot = await limiter.acquire(endpoint, overall)
        } catch (cause) {
          throw new ApiError('api/timeout', `${endpoint} waited too long for its turn.`, 'not-sent', undefined, { cause })
        }
        let outcome: Classified
        const permit = breaker.tryAcquire()
        try {
          if (!permit.allowed) throw pausedError(permit.retryAtMs)
          requests[endpoint] = (requests[endpoint] ?? 0) + 1
          counters.total++
          const timeoutMs = isGet ? limits.getTimeoutMs : limits.postTimeoutMs
          slot.started()
          const result = await sendOnce(deps.fetch, { method: op.method, url, headers, ...(body === undefined ? {} : { body }), timeoutMs, signal: overall })
          if (result.ok) {
            skew.observe(result.response.headers.get('date'), clock.now())
            const serverDate = Date.parse(result.response.headers.get('date') ?? '')
            const serverNow = Number.isNaN(serverDate) ? clock.now() + skew.ms : serverDate
            outcome = classifyResponse(result.response, {
              endpoint,
              retryAfterMs: (header) => parseRetryAfter(header, serverNow, limits.retryAfterCapMs)
            })
          } else {
            outcome = transportFailure(result, op, endpoint)
          }
        } finally {
          slot.release()
        }
        breaker.record(permit, verdictOf(outcome))
        if (outcome.ok) return { data: outcome.data, body: outcome.body }
        if (outcome.error.code === 'api/rate-limited') counters.rateLimited++
        const mayRetry = outcome.retryable && (isGet || outcome.error.outcome === 'not-sent')
        if (!mayRetry || attempt >= limits.maxAttempts) throw outcome.error
        const delayMs = outcome.retryAfterMs ?? backoffDelay(attempt - 1, { baseMs: limits.backoffBaseMs, capMs: limits.backoffCapMs }, deps.random)
        if (clock.now() + delayMs >= deadlineAt) throw outcome.error
        counters.retries++
        logger.warn('api retry', { endpoint, attempt, reason: outcome.error.code, delayMs })
        await deps.sleep(delayMs)
      }
    } finally {
      deadline.release()
    }
  }

  return {
    run,
    breakerState: (): BreakerState => breaker.state(),
    serverClockSkewMs: (): number => skew.ms,
    isServerClockKnown: (): boolean => skew.isKnown,
    stats: (): ClientStats => ({ requests: { ...requests }, ...counters, breakerOpens: breaker.timesOpened() })
  }
}

function failure(error: ApiError, retryable: boolean, transient: boolean): Failure {
  return { ok: false, error, retryable, transient, retryAfterMs: undefined }
}

function verdictOf(outcome: Classified): AttemptVerdict {
  if (outcome.ok) return 'success'
  if (outcome.transient) return 'failure'
  // A 429 or a cancelled attempt says nothing about the server's health; any other answer proves it is up.
  return outcome.error.code === 'api/rate-limited' || outcome.error.code === 'api/timeout' ? 'neutral' : 'success'
}

function buildUrl(baseUrl: string, path: string, query: Operation['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value))
  }
  const search = params.toString()
  return `${baseUrl}${path}${search === '' ? '' : `?${search}`}`
}
