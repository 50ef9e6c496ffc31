import { afterEach, describe, expect, it } from 'vitest'
import { outcomeOf } from '#core/api/api-error'
import { backoffDelay, parseRetryAfter } from '#core/api/retry'
import { createZillizClient } from '#core/api/zilliz-client'
import { API_KEY, caught, freePort, ok, recordingSleep, seededRandom, sendJson, startServer } from './test-server.ts'
import type { Handler, TestServer } from './test-server.ts'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const BACKUP = { backupId: 'backup1_aaaaaaaaaaaaaaa', backupName: 'c_backup1', jobId: 'job-0000000000000000000001' }
const CLOUDS = [{ cloudId: 'aws', description: 'Amazon Web Services' }]

async function setup(handler: Handler, seed = 42, limits = {}) {
  const server = await startServer(handler)
  servers.push(server)
  const { sleep, delays } = recordingSleep()
  const client = createZillizClient({ baseUrl: server.url, apiKey: API_KEY, sleep, random: seededRandom(seed), limits })
  return { server, client, delays }
}

describe('GET retries', () => {
  it('retries 500, 500, then succeeds: 3 attempts, delays within the full-jitter bounds', async () => {
    let n = 0
    const { server, client, delays } = await setup((_req, res) => {
      n++
      if (n <= 2) sendJson(res, 500, { code: 500, message: 'internal' })
      else sendJson(res, 200, ok(CLOUDS))
    })
    await expect(client.listClouds()).resolves.toHaveLength(1)
    expect(server.requests).toHaveLength(3)
    expect(delays).toHaveLength(2)
    expect(delays[0]).toBeGreaterThanOrEqual(0)
    expect(delays[0]).toBeLessThan(500)
    expect(delays[1]).toBeLessThan(1000)
    expect(client.stats()).toMatchObject({ retries: 2, total: 3, requests: { 'GET /v2/clouds': 3 } })
  })

  it('gives up after 4 attempts with the last error', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 503, { code: 503, message: 'unavailable' }))
    const error = await caught(() => client.listClouds())
    expect(error).toMatchObject({ code: 'api/unreachable' })
    expect(server.requests).toHaveLength(4)
  })

  it('retries a connection destroyed mid-response', async () => {
    let n = 0
    const { server, client } = await setup((_req, res) => {
      n++
      if (n === 1) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' })
        res.write('{"code":0,"data":[')
        setTimeout(() => res.socket?.destroy(), 20)
      } else sendJson(res, 200, ok(CLOUDS))
    })
    await expect(client.listClouds()).resolves.toHaveLength(1)
    expect(server.requests).toHaveLength(2)
  })

  it('never retries a business error (HTTP 200 + code)', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 200, { code: 96026, message: 'Job not found.' }))
    await expect(client.describeJob('job-x')).rejects.toMatchObject({ code: 'api/rejected' })
    expect(server.requests).toHaveLength(1)
  })
})

describe('POST is sent at most once unless provably unsent', () => {
  it('does not retry a POST on 500; the outcome is unknown', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 500, { code: 1, message: 'boom' }))
    const error = await caught(() => client.createBackup('in01-a', { backupType: 'CLUSTER' }))
    expect(error).toMatchObject({ code: 'api/unreachable' })
    expect(outcomeOf(error)).toBe('unknown')
    expect(server.requests).toHaveLength(1)
  })

  it('does not retry a POST that timed out after sending', async () => {
    const { server, client } = await setup(() => undefined, 1, { postTimeoutMs: 200 })
    const error = await caught(() => client.createBackup('in01-a', { backupType: 'CLUSTER' }))
    expect(error).toMatchObject({ code: 'api/timeout' })
    expect(outcomeOf(error)).toBe('unknown')
    expect(server.requests).toHaveLength(1)
  })

  it('does not retry a POST whose connection was reset after the server read it', async () => {
    const { server, client } = await setup((_req, res) => res.socket?.destroy())
    const error = await caught(() => client.exportBackup('in01-a', 'backup1_x', { integrationId: 'integ-1' }))
    expect(error).toMatchObject({ code: 'api/unreachable' })
    expect(outcomeOf(error)).toBe('unknown')
    expect(server.requests).toHaveLength(1)
  })

  it('retries a POST refused at connect (ECONNREFUSED) because it was never sent', async () => {
    const port = await freePort()
    let server: TestServer | undefined
    const sleeps: number[] = []
    const client = createZillizClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: API_KEY,
      random: seededRandom(7),
      // The server comes up while the client backs off.
      sleep: async (ms) => {
        sleeps.push(ms)
        server ??= await startServer((_req, res) => sendJson(res, 200, ok(BACKUP)), port)
      }
    })
    await expect(client.createBackup('in01-a', { backupType: 'CLUSTER' })).resolves.toEqual(BACKUP)
    expect(sleeps).toHaveLength(1)
    expect(server?.requests).toHaveLength(1)
    if (server) servers.push(server)
  })
})

describe('429 and Retry-After', () => {
  it('waits Retry-After seconds, then succeeds', async () => {
    let n = 0
    const { client, delays } = await setup((_req, res) => {
      n++
      if (n === 1) sendJson(res, 429, { code: 429, message: 'too many' }, { 'Retry-After': '1' })
      else sendJson(res, 200, ok(CLOUDS))
    })
    await client.listClouds()
    expect(delays).toEqual([1000])
    expect(client.stats().rateLimited).toBe(1)
  })

  it.each([15 * 60_000, -15 * 60_000])('reads an HTTP-date Retry-After against the server clock (offset %i ms)', async (offset) => {
    let n = 0
    const { client, delays } = await setup((_req, res) => {
      n++
      const serverNow = Math.floor((Date.now() + offset) / 1000) * 1000
      const date = new Date(serverNow).toUTCString()
      if (n === 1) sendJson(res, 429, { code: 429, message: 'slow down' }, { Date: date, 'Retry-After': new Date(serverNow + 3000).toUTCString() })
      else sendJson(res, 200, ok(CLOUDS), { Date: date })
    })
    await client.listClouds()
    expect(delays).toEqual([3000])
    expect(Math.abs(client.serverClockSkewMs() - offset)).toBeLessThan(2000)
  })

  it('ends with api/rate-limited and retryAfterMs when throttling persists', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 429, { code: 1, message: 'x' }, { 'Retry-After': '2' }))
    const error = await caught(() => client.listClouds())
    expect(error).toMatchObject({ code: 'api/rate-limited', details: { retryAfterMs: 2000 } })
    expect(server.requests).toHaveLength(4)
  })

  it('does not resend a POST on 429; the server refused it', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 429, { code: 1, message: 'x' }, { 'Retry-After': '1' }))
    const error = await caught(() => client.setPolicy('in01-a', { enabled: false, frequency: '', startTime: '', retentionDays: 0 }))
    expect(outcomeOf(error)).toBe('rejected')
    expect(server.requests).toHaveLength(1)
  })
})

describe('backoff and Retry-After arithmetic', () => {
  it('full jitter stays in [0, min(cap, base·2^n)) for a seeded random', () => {
    const random = seededRandom(123)
    for (let n = 0; n < 10; n++) {
      for (let i = 0; i < 100; i++) {
        const d = backoffDelay(n, { baseMs: 500, capMs: 10_000 }, random)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThan(Math.min(10_000, 500 * 2 ** n))
      }
    }
  })

  it('parses delta-seconds and HTTP-dates, caps at 60 s, ignores junk', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now, 60_000)).toBe(3000)
    expect(parseRetryAfter('3600', now, 60_000)).toBe(60_000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now, 60_000)).toBe(5000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now, 60_000)).toBe(0)
    expect(parseRetryAfter('soon', now, 60_000)).toBeUndefined()
    expect(parseRetryAfter(null, now, 60_000)).toBeUndefined()
  })
})
