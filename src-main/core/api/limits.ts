/** Every tunable of the client, with the values the app ships with (docs/reliability.md#r22 to #r26). */
export type ApiLimits = {
  /** Per-attempt deadlines; both stay below Zilliz's own 60 s request timeout (docs/zilliz-api-notes.md#timeout). */
  getTimeoutMs: number
  postTimeoutMs: number
  /** Deadline for a whole operation, retries and waits included. */
  operationTimeoutMs: number
  maxAttempts: number
  backoffBaseMs: number
  backoffCapMs: number
  retryAfterCapMs: number
  /** Request starts allowed per endpoint in any window of `windowMs + safetyMarginMs` (see rate-limiter.ts). */
  perSecond: number
  windowMs: number
  safetyMarginMs: number
  maxConcurrent: number
  /** Starts per endpoint allowed back to back before they are paced (rate-limiter.ts `pacingIntervalMs`). */
  burst: number
  breakerThreshold: number
  breakerCooldownMs: number
}

export const DEFAULT_LIMITS: ApiLimits = {
  getTimeoutMs: 15_000,
  postTimeoutMs: 30_000,
  operationTimeoutMs: 60_000,
  maxAttempts: 4,
  backoffBaseMs: 500,
  backoffCapMs: 10_000,
  retryAfterCapMs: 60_000,
  // At most 20 starts in any 1,075 ms, paced one per 54.25 ms with no bursts: see rate-limiter.ts for why this
  // keeps every server second at ≤ 20 arrivals even when sends reach the server up to 75 ms unevenly.
  perSecond: 20,
  windowMs: 1000,
  safetyMarginMs: 75,
  maxConcurrent: 8,
  burst: 1,
  breakerThreshold: 5,
  breakerCooldownMs: 30_000
}
