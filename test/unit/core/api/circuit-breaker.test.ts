import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '#core/lib/clock'
import { outcomeOf } from '#core/api/api-error'
import { CircuitBreaker } from '#core/api/circuit-breaker'
import { createZillizClient } from '#core/api/zilliz-client'
import { API_KEY, caught, ok, seededRandom, sendJson, startServer } from './test-server.ts'
import type { TestServer } from './test-server.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
})

describe('the circuit breaker', () => {
  it('100 % 503 for 10 simulated minutes: requests ≤ 5 + probes; recovery closes it', async () => {
    let healthy = false
    server = await startServer((_req, res) => {
      if (healthy) sendJson(res, 200, ok([{ cloudId: 'aws', description: 'AWS' }]))
      else sendJson(res, 503, { code: 503, message: 'Service Unavailable' })
    })
    const clock = new ManualClock(Date.parse('2026-03-01T10:00:00Z'))
    const client = createZillizClient({
      baseUrl: server.url,
      apiKey: API_KEY,
      clock,
      random: seededRandom(9),
      sleep: (ms) => {
        clock.advance(ms)
        return Promise.resolve()
      }
    })
    const end = clock.now() + 10 * 60_000
    const codes = new Set<string>()
    let pausedMessage = ''
    while (clock.now() < end) {
      const error = await caught(() => client.listClouds())
      codes.add((error as { code: string }).code)
      if ((error as Error).message.includes('paused')) pausedMessage = (error as Error).message
      clock.advance(5_000)
    }
    const probes = client.stats().breakerOpens - 1
    expect(server.requests.length).toBe(5 + probes)
    expect(probes).toBeLessThanOrEqual(20)
    expect(probes).toBeGreaterThanOrEqual(15)
    expect([...codes]).toEqual(['api/unreachable'])
    expect(pausedMessage).toMatch(/^Calls to Zilliz Cloud are paused after repeated failures; retrying at \d\d:\d\d:\d\d\.$/)
    expect(client.breakerState()).toBe('open')

    healthy = true
    clock.advance(30_000)
    expect(client.breakerState()).toBe('half-open')
    await expect(client.listClouds()).resolves.toHaveLength(1)
    expect(client.breakerState()).toBe('closed')
    await expect(client.listClouds()).resolves.toHaveLength(1)
  })

  it('fails fast with a not-sent outcome, so a POST may be resent later', async () => {
    server = await startServer((_req, res) => sendJson(res, 503, { code: 503, message: 'down' }))
    const clock = new ManualClock(0)
    const client = createZillizClient({ baseUrl: server.url, apiKey: API_KEY, clock, sleep: () => Promise.resolve(), limits: { breakerThreshold: 2 } })
    await caught(() => client.listClouds())
    const seen = server.requests.length
    const error = await caught(() => client.createBackup('in01-a', { backupType: 'CLUSTER' }))
    expect(error).toMatchObject({ code: 'api/unreachable', details: { retryAfterMs: 30_000 } })
    expect(outcomeOf(error)).toBe('not-sent')
    expect(server.requests.length).toBe(seen)
  })

  it('lets exactly one probe through when half-open and re-opens if it fails', () => {
    const clock = new ManualClock(0)
    const breaker = new CircuitBreaker({ threshold: 5, cooldownMs: 30_000, now: () => clock.now() })
    for (let i = 0; i < 5; i++) breaker.record(breaker.tryAcquire(), 'failure')
    expect(breaker.state()).toBe('open')
    expect(breaker.tryAcquire()).toEqual({ allowed: false, retryAtMs: 30_000 })
    clock.advance(30_000)
    const probe = breaker.tryAcquire()
    expect(probe).toEqual({ allowed: true, probe: true })
    expect(breaker.tryAcquire().allowed).toBe(false)
    breaker.record(probe, 'failure')
    expect(breaker.state()).toBe('open')
    clock.advance(30_000)
    const second = breaker.tryAcquire()
    breaker.record(second, 'success')
    expect(breaker.state()).toBe('closed')
  })

  it('does not count answers that prove the server is up', () => {
    const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 1000, now: () => 0 })
    for (let i = 0; i < 10; i++) {
      breaker.record(breaker.tryAcquire(), 'failure')
      breaker.record(breaker.tryAcquire(), 'failure')
      breaker.record(breaker.tryAcquire(), 'success')
    }
    expect(breaker.state()).toBe('closed')
  })
})
