import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createZillizClient } from '#core/api/zilliz-client'
import { API_KEY, caught, recordingSleep, startServer } from './test-server.ts'
import type { Handler, TestServer } from './test-server.ts'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const TIMEOUT = 800

// The first fetch in a process loads undici; keep that out of the timed window.
beforeAll(async () => {
  const warm = await startServer((_req, res) => res.end('{}'))
  await fetch(warm.url)
  await warm.close()
})

async function setup(handler: Handler, limits = {}) {
  const server = await startServer(handler)
  servers.push(server)
  const { sleep } = recordingSleep()
  const client = createZillizClient({ baseUrl: server.url, apiKey: API_KEY, sleep, random: () => 0, limits: { getTimeoutMs: TIMEOUT, postTimeoutMs: TIMEOUT, maxAttempts: 1, ...limits } })
  return { server, client }
}

async function waitFor(predicate: () => boolean, ms = 1000): Promise<void> {
  const until = performance.now() + ms
  while (!predicate() && performance.now() < until) await new Promise((r) => setTimeout(r, 5))
}

describe('per-attempt deadlines', () => {
  it('a server that accepts and never answers: api/timeout within the deadline + 10 %, socket closed', async () => {
    const { server, client } = await setup(() => undefined)
    const started = performance.now()
    const error = await caught(() => client.listClouds())
    const elapsed = performance.now() - started
    expect(error).toMatchObject({ code: 'api/timeout' })
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT - 5)
    expect(elapsed).toBeLessThan(TIMEOUT * 1.1)
    await waitFor(() => server.closedSockets() === 1)
    expect(server.closedSockets()).toBe(1)
  })

  it('a server that sends headers then stalls the body: api/timeout, socket closed', async () => {
    const { server, client } = await setup((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' })
      res.write('{"code":0,"data":')
    })
    const started = performance.now()
    const error = await caught(() => client.listProjects())
    const elapsed = performance.now() - started
    expect(error).toMatchObject({ code: 'api/timeout' })
    expect(elapsed).toBeLessThan(TIMEOUT * 1.1)
    await waitFor(() => server.closedSockets() === 1)
    expect(server.closedSockets()).toBe(1)
  })

  it('the overall deadline bounds retries of a stalled GET', async () => {
    const { server, client } = await setup(() => undefined, { maxAttempts: 4, operationTimeoutMs: 1200 })
    const started = performance.now()
    const error = await caught(() => client.listClouds())
    const elapsed = performance.now() - started
    expect(error).toMatchObject({ code: 'api/timeout' })
    expect(elapsed).toBeLessThan(1200 * 1.1)
    expect(server.requests).toHaveLength(2)
  })

  it('does not start a backoff that would end past the overall deadline', async () => {
    const server = await startServer(() => undefined)
    servers.push(server)
    const client = createZillizClient({
      baseUrl: server.url,
      apiKey: API_KEY,
      sleep: recordingSleep().sleep,
      random: () => 0.99,
      limits: { getTimeoutMs: TIMEOUT, operationTimeoutMs: 1200 }
    })
    await expect(client.listClouds()).rejects.toMatchObject({ code: 'api/timeout' })
    expect(server.requests).toHaveLength(1)
  })
})
