import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_LIMITS } from '#core/api/limits'
import { CATCH_UP_MS, pacingIntervalMs, RateLimiter, type RateLimiterOptions } from '#core/api/rate-limiter'
import { createZillizClient } from '#core/api/zilliz-client'
import { API_KEY, ok, sendJson, startServer } from './test-server.ts'
import type { TestServer } from './test-server.ts'

/*
 * The limiter's rules on a fake clock (vi.useFakeTimers fakes both its timers and Date, which `now` reads):
 * exact and instant, however loaded the machine is. One test at the end checks the client's wiring over
 * real HTTP, asserting only lower bounds on spacing, which a slow machine can only widen.
 */

/** The largest number of times inside any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let max = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++
    max = Math.max(max, end - start + 1)
  }
  return max
}

function fakeClockLimiter(options: Partial<RateLimiterOptions> = {}): RateLimiter {
  const { perSecond, windowMs, safetyMarginMs, maxConcurrent, burst } = DEFAULT_LIMITS
  return new RateLimiter({ perSecond, windowMs, safetyMarginMs, maxConcurrent, burst, now: () => Date.now(), ...options })
}

/**
 * Queues `count` requests on `key`, each sent the moment it is granted and answered `latencyMs` later.
 * Resolves the grant times once all have been answered; `inFlight` peaks are recorded on the way.
 */
async function runQueued(limiter: RateLimiter, key: string, count: number, latencyMs: number): Promise<{ starts: number[]; maxInFlight: number }> {
  const starts: number[] = []
  let inFlight = 0
  let maxInFlight = 0
  const requests = Array.from({ length: count }, async () => {
    const permit = await limiter.acquire(key)
    permit.started()
    starts.push(Date.now())
    maxInFlight = Math.max(maxInFlight, ++inFlight)
    await new Promise((resolve) => setTimeout(resolve, latencyMs))
    inFlight--
    permit.release()
  })
  await vi.runAllTimersAsync()
  await Promise.all(requests)
  return { starts, maxInFlight }
}

describe('the per-endpoint rate limiter (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('100 queued requests with the shipped limits: never more than 20 starts in any 1,075 ms, one start per 54.25 ms, none back to back', async () => {
    const { starts } = await runQueued(fakeClockLimiter(), 'GET /v2/clusters/{id}/backups/policy', 100, 20)
    expect(starts).toHaveLength(100)
    const span = DEFAULT_LIMITS.windowMs + DEFAULT_LIMITS.safetyMarginMs
    const interval = pacingIntervalMs(DEFAULT_LIMITS)
    expect([DEFAULT_LIMITS.perSecond, span, interval]).toEqual([20, 1075, 54.25])
    expect(maxInWindow(starts, span)).toBeLessThanOrEqual(DEFAULT_LIMITS.perSecond)
    // Paced: consecutive starts at least one interval apart, less the 10 ms a late wake-up may catch up.
    const gaps = starts.slice(1).map((at, i) => at - (starts[i] ?? 0))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(interval - CATCH_UP_MS)
    // Not throttled beyond the pace: timer rounding (+1–2 ms a wake-up) does not add up over 99 intervals.
    expect(starts.at(-1)).toBeLessThanOrEqual(99 * interval + 10)
    expect(starts.at(-1)).toBeGreaterThanOrEqual(99 * interval - 2)
  })

  /*
   * What the server sees (docs/zilliz-api-notes.md#rate-limit: 20 per second per endpoint). Each request arrives
   * 150 ms + up to 74 ms of its own transit delay after it was sent (a new connection, a late write), and
   * the client's event loop stalls for up to 600 ms after some sends (a cache replace, GC, a loaded machine),
   * which moves every timer of the limiter, as a real stall does.
   */
  async function serverArrivals(limiter: RateLimiter, count: number, transitJitterMs: number[], stallAfter: Map<number, number>): Promise<number[]> {
    const arrivals: number[] = []
    let sent = 0
    const requests = Array.from({ length: count }, async () => {
      const permit = await limiter.acquire('GET /v2/clusters/{id}/backups/policy')
      permit.started()
      const index = sent++
      arrivals.push(Date.now() + 150 + (transitJitterMs[index] ?? 0))
      const stallMs = stallAfter.get(index)
      if (stallMs !== undefined) vi.setSystemTime(Date.now() + stallMs)
      await new Promise((resolve) => setTimeout(resolve, 150))
      permit.release()
    })
    await vi.runAllTimersAsync()
    await Promise.all(requests)
    return arrivals
  }

  const unevenArrivals = {
    // Uneven by less than the shipped safety margin (75 ms), the unevenness the window log is proven against.
    jitter: fc.array(fc.integer({ min: 0, max: DEFAULT_LIMITS.safetyMarginMs - 1 }), { minLength: 120, maxLength: 120 }),
    stalls: fc.array(fc.tuple(fc.integer({ min: 0, max: 119 }), fc.integer({ min: 1, max: 600 })), { maxLength: 6 })
  }

  it('with the shipped limits no server second ever gets more than 20 arrivals, however a stalled loop and up to 74 ms of uneven transit shift them', async () => {
    await fc.assert(
      fc.asyncProperty(unevenArrivals.jitter, unevenArrivals.stalls, async (jitter, stalls) => {
        vi.setSystemTime(0)
        const arrivals = await serverArrivals(fakeClockLimiter(), 120, jitter, new Map(stalls))
        expect(arrivals).toHaveLength(120)
        expect(maxInWindow(arrivals, 1000)).toBeLessThanOrEqual(20)
      }),
      { numRuns: 60 }
    )
  })

  it('the window log alone keeps that bound: with bursts of 4 allowed, still no server second over 20 arrivals', async () => {
    await fc.assert(
      fc.asyncProperty(unevenArrivals.jitter, unevenArrivals.stalls, async (jitter, stalls) => {
        vi.setSystemTime(0)
        const arrivals = await serverArrivals(fakeClockLimiter({ burst: 4 }), 120, jitter, new Map(stalls))
        expect(arrivals).toHaveLength(120)
        expect(maxInWindow(arrivals, 1000)).toBeLessThanOrEqual(20)
      }),
      { numRuns: 40 }
    )
  })

  it('a paced sync keeps its pace: 200 starts take 199 intervals, the window log never holding one back', async () => {
    const { starts } = await runQueued(fakeClockLimiter(), 'GET /v2/clusters/{id}/backups/policy', 200, 150)
    const interval = pacingIntervalMs(DEFAULT_LIMITS)
    // The log has no catch-up: had it held starts back, each of them would add its wake-up rounding (1–2 ms).
    expect(starts.at(-1)).toBeLessThanOrEqual(199 * interval + CATCH_UP_MS)
    expect(maxInWindow(starts, DEFAULT_LIMITS.windowMs + DEFAULT_LIMITS.safetyMarginMs)).toBe(20)
  })

  it('the limits shipped before (18 per 1,010 ms in bursts of 4) let 22 arrive within one server second when a burst arrives 40 ms late', async () => {
    const firstBurstLate = Array.from({ length: 120 }, (_, i) => (i < 4 ? 40 : 0))
    const before = fakeClockLimiter({ perSecond: 18, safetyMarginMs: 10, burst: 4 })
    const arrivals = await serverArrivals(before, 120, firstBurstLate, new Map())
    expect(maxInWindow(arrivals, 1000)).toBe(22)
  })

  it('without pacing, the window alone caps the starts: 3 per second means the 4th waits a full window', async () => {
    const limiter = fakeClockLimiter({ perSecond: 3, burst: 3, windowMs: 1000, safetyMarginMs: 0 })
    const { starts } = await runQueued(limiter, 'k', 7, 10)
    expect(starts.slice(0, 3)).toEqual([0, 0, 0])
    expect(starts[3]).toBeGreaterThanOrEqual(1000)
    expect(starts[3]).toBeLessThanOrEqual(1001)
    expect(maxInWindow(starts, 1000)).toBe(3)
  })

  it('a slow server meets the concurrency cap: never more than 8 in flight, the 9th starts when one is answered', async () => {
    const limiter = fakeClockLimiter({ perSecond: 100, burst: 100 })
    const { starts, maxInFlight } = await runQueued(limiter, 'k', 12, 5000)
    expect(maxInFlight).toBe(DEFAULT_LIMITS.maxConcurrent)
    expect(starts.slice(0, 8)).toEqual(Array.from({ length: 8 }, () => 0))
    expect(starts[8]).toBe(5000)
  })

  it('with 150 ms answers the cap does not slow the pace: 36 starts take as long as pacing alone', async () => {
    const { starts, maxInFlight } = await runQueued(fakeClockLimiter(), 'k', 36, 150)
    expect(maxInFlight).toBeLessThanOrEqual(DEFAULT_LIMITS.maxConcurrent)
    const interval = pacingIntervalMs(DEFAULT_LIMITS)
    expect(starts.at(-1)).toBeLessThan((36 - DEFAULT_LIMITS.burst) * interval + 36 * 2)
  })

  it('different endpoints do not wait on each other', async () => {
    const limiter = fakeClockLimiter()
    const [clouds, projects] = await Promise.all([runQueued(limiter, 'GET /v2/clouds', 18, 10), runQueued(limiter, 'GET /v2/projects', 18, 10)])
    vi.setSystemTime(0)
    const alone = await runQueued(fakeClockLimiter(), 'GET /v2/clouds', 18, 10)
    expect(clouds.starts).toEqual(alone.starts)
    expect(projects.starts).toEqual(alone.starts)
  })

  it('a permit sent later than granted counts from when it was really sent', async () => {
    const limiter = fakeClockLimiter({ perSecond: 1, burst: 1, windowMs: 1000, safetyMarginMs: 0 })
    const first = await limiter.acquire('k')
    await vi.advanceTimersByTimeAsync(500)
    first.started()
    first.release()
    let grantedAt: number | null = null
    void limiter.acquire('k').then(() => (grantedAt = Date.now()))
    await vi.advanceTimersByTimeAsync(1000)
    expect(grantedAt).toBeNull()
    await vi.advanceTimersByTimeAsync(600)
    expect(grantedAt).toBeGreaterThanOrEqual(1500)
  })

  it('drops a waiter whose caller gave up', async () => {
    const limiter = fakeClockLimiter({ perSecond: 1, windowMs: 10_000, safetyMarginMs: 0, maxConcurrent: 1, burst: 1 })
    const first = await limiter.acquire('k')
    first.started()
    const controller = new AbortController()
    const waiting = limiter.acquire('k', controller.signal)
    expect(limiter.queued('k')).toBe(1)
    controller.abort(new Error('gave up'))
    await expect(waiting).rejects.toThrow('gave up')
    expect(limiter.queued('k')).toBe(0)
    first.release()
  })
})

describe('the client paces each endpoint through its limiter (real HTTP)', () => {
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.close()
  })

  it('three policy reads of different clusters share one endpoint budget: at 1 per 300 ms they are sent 300 ms apart', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, ok({ clusterId: 'in01-a', status: 'DISABLED', startTime: null, frequency: null, retentionDays: 0 })))
    const sent: number[] = []
    const recordingFetch: typeof fetch = (input, init) => {
      sent.push(performance.now())
      return fetch(input, init)
    }
    const client = createZillizClient({ baseUrl: server.url, apiKey: API_KEY, fetch: recordingFetch, limits: { perSecond: 1, burst: 1, windowMs: 300, safetyMarginMs: 0 } })
    await Promise.all(['in01-a', 'in01-b', 'in01-c'].map((id) => client.getPolicy(id)))
    expect(sent).toHaveLength(3)
    // Lower bounds only: a loaded machine can delay a send, never bring it forward (10 ms: timer rounding).
    expect((sent[1] ?? 0) - (sent[0] ?? 0)).toBeGreaterThanOrEqual(290)
    expect((sent[2] ?? 0) - (sent[1] ?? 0)).toBeGreaterThanOrEqual(290)
    expect(client.stats().requests).toEqual({ 'GET /v2/clusters/{id}/backups/policy': 3 })
  })
})
