import { once } from 'node:events'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src-main/emulator/index.ts'
import type { RunningEmulator } from '../../../src-main/emulator/index.ts'
import { call, control, fails, MONDAY_NOON, ok, SECOND } from './helpers.ts'
import * as s from './schemas.ts'

describe('rate limit per API key per endpoint', () => {
  let emu: RunningEmulator
  let dedicated: string[]
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'demo', clockMode: 'manual', startTime: MONDAY_NOON, apiKeys: ['key-a', 'key-b'], rateLimit: 5 })
    dedicated = emu.state().clusters.filter((c) => c.kind === 'dedicated').map((c) => c.clusterId)
  })
  afterAll(() => emu.close())

  it('answers HTTP 429 with {code, message} and Retry-After once the limit is used up, counting all ids of one route together', async () => {
    emu.advance(SECOND)
    for (let i = 0; i < 5; i++) ok(await call(emu, 'GET', `/v2/clusters/${dedicated[i % 2]!}/backups/policy`), s.policyGet)
    const limited = await call(emu, 'GET', `/v2/clusters/${dedicated[2]!}/backups/policy`)
    fails(limited, 429, 429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(limited.headers.get('requestid')).not.toBeNull()
  })

  it('keeps other endpoints and other keys unaffected', async () => {
    ok(await call(emu, 'GET', '/v2/clouds'), s.clouds)
    ok(await call(emu, 'GET', `/v2/clusters/${dedicated[0]!}/backups/policy`, undefined, 'key-b'), s.policyGet)
  })

  it('allows requests again in the next emulator second and reports counts over the control API', async () => {
    emu.advance(SECOND)
    ok(await call(emu, 'GET', `/v2/clusters/${dedicated[0]!}/backups/policy`), s.policyGet)
    const requests = (await control(emu, 'GET', '/requests')).body as { counts: Record<string, number>; rateLimited: number }
    expect(requests.rateLimited).toBe(1)
    expect(requests.counts['GET /v2/clusters/{clusterId}/backups/policy']).toBe(8)
    expect(emu.requestCounts()['GET /v2/clouds']).toBe(1)
  })
})

describe('default rate limit', () => {
  let emu: RunningEmulator
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty', clockMode: 'manual', startTime: MONDAY_NOON })
  })
  afterAll(() => emu.close())

  it('allows 20 requests per second per endpoint, as documented, and refuses the 21st', async () => {
    const replies = await Promise.all(Array.from({ length: 21 }, () => call(emu, 'GET', '/v2/projects')))
    expect(replies.filter((r) => r.status === 200)).toHaveLength(20)
    expect(replies.filter((r) => r.status === 429)).toHaveLength(1)
  })
})

/** Writes one GET on a raw socket; resolves once the bytes are handed to the kernel, with the HTTP status to come. */
async function sendRaw(emu: RunningEmulator, path: string): Promise<{ status: Promise<number> }> {
  const socket = connect(emu.port, '127.0.0.1')
  await once(socket, 'connect')
  const request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${emu.apiKey}\r\nConnection: close\r\n\r\n`
  await new Promise<void>((resolve, reject) => socket.write(request, (error) => (error === undefined || error === null ? resolve() : reject(error))))
  const status = (async () => {
    let text = ''
    for await (const chunk of socket) text += String(chunk)
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1])
  })()
  return { status }
}

describe('the rate limit judges a request by when it arrived, not when its emulated latency ended', () => {
  let emu: RunningEmulator
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty', clockMode: 'manual', startTime: MONDAY_NOON, rateLimit: 5, latencyMs: 300 })
  })
  afterAll(() => emu.close())

  it('5 requests that arrived in one second and 5 in the next are all answered, though the clock moved while the first waited', async () => {
    const first = await Promise.all(Array.from({ length: 5 }, () => sendRaw(emu, '/v2/projects')))
    // A control call is not delayed: once it has been answered, the server has read the 5 requests before it.
    await control(emu, 'GET', '/requests')
    emu.advance(SECOND)
    const second = await Promise.all(Array.from({ length: 5 }, () => call(emu, 'GET', '/v2/projects')))
    expect(await Promise.all(first.map((r) => r.status))).toEqual([200, 200, 200, 200, 200])
    expect(second.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(((await control(emu, 'GET', '/requests')).body as { rateLimited: number }).rateLimited).toBe(0)
  })
})
