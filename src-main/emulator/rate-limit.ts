/**
 * Requests per second per API key per endpoint (docs/zilliz-api-notes.md#rate-limit). Fixed windows aligned to
 * whole seconds of the emulator clock, so a test can exhaust one and then advance the clock one second.
 *
 * A request counts in the second it ARRIVED in, whatever order the checks run in: the pipeline checks after the
 * emulated latency, a timer that shares the event loop with the client in tests and benchmarks, so a stalled
 * process would otherwise move requests that arrived apart into one later second — a bunching a real server,
 * with the network between it and the client, never sees.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export type RateLimiter = { check(apiKey: string, endpoint: string, arrivedAt: number): RateDecision; rejected(): number }

/** Seconds kept per key behind the newest one seen: far more than any emulated latency plus a stall. */
const SECONDS_KEPT = 60

export function createRateLimiter(limit: number): RateLimiter {
  const counts = new Map<string, Map<number, number>>()
  let rejected = 0
  return {
    check(apiKey, endpoint, arrivedAt) {
      const second = Math.floor(arrivedAt / 1000)
      const key = `${apiKey}\u0000${endpoint}`
      let perSecond = counts.get(key)
      if (perSecond === undefined) {
        perSecond = new Map()
        counts.set(key, perSecond)
      }
      const count = perSecond.get(second) ?? 0
      if (count < limit) {
        perSecond.set(second, count + 1)
        if (count === 0) forgetBefore(perSecond, second - SECONDS_KEPT)
        return { allowed: true }
      }
      rejected += 1
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((second + 1) * 1000 - arrivedAt) / 1000)) }
    },
    rejected: () => rejected
  }
}

function forgetBefore(perSecond: Map<number, number>, oldest: number): void {
  for (const second of perSecond.keys()) if (second < oldest) perSecond.delete(second)
}
