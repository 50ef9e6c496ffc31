import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src-main/emulator/index.ts'
import type { RunningEmulator } from '../../../src-main/emulator/index.ts'
import { call, control, fails, MINUTE, MONDAY_NOON, ok } from './helpers.ts'
import * as s from './schemas.ts'

describe('fault injection', () => {
  let emu: RunningEmulator
  let clusterId: string
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty', clockMode: 'manual', startTime: MONDAY_NOON, rateLimit: 10_000 })
    clusterId = emu.createCluster({ clusterName: 'faulty' }).clusterId
  })
  afterEach(() => {
    emu.clearFaults()
    emu.advance(10 * MINUTE)
  })
  afterAll(() => emu.close())

  const manualBackups = (): number => emu.state().backups.filter((b) => b.clusterId === clusterId).length
  const create = (): Promise<Response> =>
    fetch(`${emu.url}/v2/clusters/${clusterId}/backups/create`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emu.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ backupType: 'CLUSTER' })
    })

  it('answers the next N matching requests with an injected HTTP status, then recovers', async () => {
    emu.injectFault({ kind: 'http-error', path: '/v2/clusters', status: 503, times: 2 })
    fails(await call(emu, 'GET', '/v2/clusters'), 503, 503)
    fails(await call(emu, 'GET', `/v2/clusters/${clusterId}`), 503, 503)
    ok(await call(emu, 'GET', '/v2/clusters'), s.clusterList)
  })

  it('injects a business code with HTTP 200, only for the given method', async () => {
    emu.injectFault({ kind: 'business-error', pathRegex: '^/v2/clusters/[^/]+/backups/policy$', method: 'POST', code: 96038, message: 'Injected' })
    ok(await call(emu, 'GET', `/v2/clusters/${clusterId}/backups/policy`), s.policyGet)
    expect((await call(emu, 'POST', `/v2/clusters/${clusterId}/backups/policy`, { enabled: false })).body).toEqual({ code: 96038, message: 'Injected' })
  })

  it('hits only requests carrying the given query values: one page of a list', async () => {
    emu.injectFault({ kind: 'http-error', path: '/v2/clusters', method: 'GET', query: { currentPage: '2' }, status: 500 })
    ok(await call(emu, 'GET', '/v2/clusters?currentPage=1&pageSize=10'), s.clusterList)
    ok(await call(emu, 'GET', '/v2/clusters'), s.clusterList)
    fails(await call(emu, 'GET', '/v2/clusters?currentPage=2&pageSize=10'), 500, 500)
    ok(await call(emu, 'GET', '/v2/clusters?currentPage=2&pageSize=10'), s.clusterList)
  })

  it('adds latency to a matching request', async () => {
    emu.injectFault({ kind: 'latency', path: '/v2/clouds', ms: 150 })
    const started = performance.now()
    ok(await call(emu, 'GET', '/v2/clouds'), s.clouds)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('drops the connection before applying the request: nothing is created', async () => {
    emu.injectFault({ kind: 'drop-before', path: `/v2/clusters/${clusterId}/backups/create` })
    const before = manualBackups()
    await expect(create()).rejects.toThrow()
    expect(manualBackups()).toBe(before)
  })

  it('drops the connection after applying the request: the backup exists although the client saw an error', async () => {
    emu.injectFault({ kind: 'drop-after', path: `/v2/clusters/${clusterId}/backups/create`, method: 'POST' })
    const before = manualBackups()
    await expect(create()).rejects.toThrow()
    expect(manualBackups()).toBe(before + 1)
  })

  it('stalls before the headers: the client only gets out by timing out', async () => {
    emu.injectFault({ kind: 'stall-headers', path: '/v2/projects' })
    const reply = fetch(`${emu.url}/v2/projects`, { headers: { Authorization: `Bearer ${emu.apiKey}` }, signal: AbortSignal.timeout(300) })
    await expect(reply).rejects.toThrow(/timeout|aborted/i)
  })

  it('stalls after the headers: status 200 arrives but the body never completes', async () => {
    emu.injectFault({ kind: 'stall-body', path: '/v2/projects' })
    const res = await fetch(`${emu.url}/v2/projects`, { headers: { Authorization: `Bearer ${emu.apiKey}` }, signal: AbortSignal.timeout(300) })
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow(/timeout|aborted/i)
  })

  it('accepts faults over the control API, lists them, validates them and resets them', async () => {
    expect((await control(emu, 'POST', '/faults', { kind: 'http-error', path: '/v2/clouds', status: 500, times: 3 })).status).toBe(200)
    const listed = (await control(emu, 'GET', '/faults')).body as { faults: { remaining: number }[] }
    expect(listed.faults.map((f) => f.remaining)).toEqual([3])
    expect((await control(emu, 'POST', '/faults', { kind: 'http-error', status: 500 })).status).toBe(400)
    expect((await control(emu, 'POST', '/faults', { kind: 'explode', path: '/' })).status).toBe(400)
    fails(await call(emu, 'GET', '/v2/clouds'), 500, 500)
    expect((await control(emu, 'DELETE', '/faults')).status).toBe(200)
    ok(await call(emu, 'GET', '/v2/clouds'), s.clouds)
  })
})
