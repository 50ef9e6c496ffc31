/**
 * Requests per second per API key per endpoint (docs/zilliz-api-notes.md#rate-limit). A fixed window aligned to whole
 * seconds of the emulator clock, so a test can exhaust it and then advance the clock one second.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export type RateLimiter = { check(apiKey: string, endpoint: string, now: number): RateDecision; rejected(): number }

export function createRateLimiter(limit: number): RateLimiter {
  const windows = new Map<string, { second: number; count: number }>()
  let rejected = 0
  return {
    check(apiKey, endpoint, now) {
      const second = Math.floor(now / 1000)
      const key = `${apiKey}\u0000${endpoint}`
      const window = windows.get(key)
      if (window === undefined || window.second !== second) {
        windows.set(key, { second, count: 1 })
        return { allowed: true }
      }
      if (window.count < limit) {
        window.count += 1
        return { allowed: true }
      }
      rejected += 1
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((second + 1) * 1000 - now) / 1000)) }
    },
    rejected: () => rejected
  }
}
