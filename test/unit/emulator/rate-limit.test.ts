import { describe, expect, it } from 'vitest'
import { createRateLimiter } from '#emulator/rate-limit'

describe("the emulator's rate limit (20 per second per key per endpoint)", () => {
  it('counts each request in the second it arrived in, even when a later second was checked first', () => {
    const limiter = createRateLimiter(2)
    expect(limiter.check('k', 'GET /v2/projects', 2_000)).toEqual({ allowed: true })
    expect(limiter.check('k', 'GET /v2/projects', 2_100)).toEqual({ allowed: true })
    // Arrived in second 1, checked after second 2 was full: second 1 still has room.
    expect(limiter.check('k', 'GET /v2/projects', 1_990)).toEqual({ allowed: true })
    expect(limiter.check('k', 'GET /v2/projects', 2_500)).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(limiter.check('k', 'GET /v2/projects', 1_999)).toEqual({ allowed: true })
    expect(limiter.check('k', 'GET /v2/projects', 1_999)).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(limiter.rejected()).toBe(2)
  })

  it('keeps keys and endpoints apart', () => {
    const limiter = createRateLimiter(1)
    expect(limiter.check('a', 'GET /v2/projects', 0)).toEqual({ allowed: true })
    expect(limiter.check('b', 'GET /v2/projects', 0)).toEqual({ allowed: true })
    expect(limiter.check('a', 'GET /v2/clouds', 0)).toEqual({ allowed: true })
    expect(limiter.check('a', 'GET /v2/projects', 999).allowed).toBe(false)
  })
})
