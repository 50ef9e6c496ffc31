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
