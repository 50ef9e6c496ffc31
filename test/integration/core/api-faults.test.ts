import { describe, expect, it } from 'vitest'
import type { ApiLimits } from '#core/api/limits'
import { ManualClock } from '#core/lib/clock'
import type { EmulatorOptions } from '#emulator/index'
import { backupRows, countOf, DEMO_START, demoEmulatorOptions, FAST_LIMITS, startConnected, startDemoEmulator, stopAfterEach, waitFor, type SyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'

const CLUSTERS = '^/v2/clusters$'
const stopLater = stopAfterEach()

async function setUp(options: EmulatorOptions = {}, limits: Partial<ApiLimits> = FAST_LIMITS, clock?: ManualClock): Promise<SyncedDemo> {
  const started = stopLater(await startConnected(demoEmulatorOptions(options), { limits, ...(clock === undefined ? {} : { clock }) }))
  // connection/add starts a background sync: let it finish so that counts below belong to the test alone.
  await waitFor('the first sync', () => started.core.handlers['sync/status']({}).then((s) => (s[0]?.lastFinishedAt ? true : undefined)))
  return started
}

describe('transient server errors', () => {
  it('retries a GET answered with HTTP 500 and the sync succeeds', async () => {
    const { emulator, core } = await setUp()
    const before = countOf(emulator, 'GET /v2/clusters')
    emulator.injectFault({ pathRegex: CLUSTERS, method: 'GET', kind: 'http-error', status: 500, times: 2 })
    const result = expectOk(await core.invoke('sync/run', {}))
    expect(result.clusters).toBe(emulator.state().clusters.length)
    expect(countOf(emulator, 'GET /v2/clusters') - before).toBe(3)
  })

  it('retries GETs whose connection dropped before or after the server handled them, and the sync succeeds', async () => {
    const { emulator, core } = await setUp()
    const projects = countOf(emulator, 'GET /v2/projects')
    const clusters = countOf(emulator, 'GET /v2/clusters')
    emulator.injectFault({ path: '/v2/projects', method: 'GET', kind: 'drop-before' })
    emulator.injectFault({ pathRegex: CLUSTERS, method: 'GET', kind: 'drop-after', times: 2 })
    const result = expectOk(await core.invoke('sync/run', {}))
    expect(result.clusters).toBe(emulator.state().clusters.length)
    expect(countOf(emulator, 'GET /v2/projects') - projects).toBe(2)
    expect(countOf(emulator, 'GET /v2/clusters') - clusters).toBe(3)
  })
})

describe('throttling (HTTP 429)', () => {
  it("honours the emulator's own 429 Retry-After at 2 requests/s: the sync completes and each endpoint's excess is refused at most once per window", async () => {
    // Real clock: the emulator's 1-second windows must move. Default client pacing (18/s), so the server's 2/s bites.
    const { emulator, core } = stopLater(await startConnected({ seed: 'demo', startTime: DEMO_START, rateLimit: 2 }, {}))
    const started = performance.now()
    // Joins the sync connection/add started, the first traffic on every endpoint after the connection check.
    const result = expectOk(await core.invoke('sync/run', {}))
    const elapsed = performance.now() - started
    const dedicated = emulator.state().clusters.filter((c) => c.kind === 'dedicated' && c.status !== 'DELETED').length
    expect(result.policies).toBe(dedicated)
    const refused = emulator.state().rateLimited
    expect(refused).toBeGreaterThan(0)
    // n policy reads at 2 per window: a client that waits Retry-After before each retry is refused n−2, then
    // n−4, … times (each retry lands in a later window); one that retried early would collect far more.
    let bound = 0
    for (let waiting = dedicated - 2; waiting > 0; waiting -= 2) bound += waiting
    expect(refused).toBeLessThanOrEqual(bound)
    // The refused ones waited for the next window at least once.
    expect(elapsed).toBeGreaterThanOrEqual(900)
  })

  it('retries an injected 429 and causes no further 429 from the server', async () => {
    const { emulator, core } = await setUp()
    const before = countOf(emulator, 'GET /v2/projects')
    emulator.injectFault({ path: '/v2/projects', method: 'GET', kind: 'http-error', status: 429, code: 429 })
    expectOk(await core.invoke('sync/run', {}))
    expect(countOf(emulator, 'GET /v2/projects') - before).toBe(2)
    expect(emulator.state().rateLimited).toBe(0)
  })
})

describe('deadlines (R22)', () => {
  const limits: Partial<ApiLimits> = { ...FAST_LIMITS, getTimeoutMs: 500, operationTimeoutMs: 1_500 }

  for (const kind of ['stall-headers', 'stall-body'] as const) {
    it(`fails the sync with api/timeout within the deadline when the server stalls (${kind}), and keeps the cache`, async () => {
      const { emulator, core } = await setUp({}, limits)
      const rows = backupRows(core.db)
      emulator.injectFault({ pathRegex: CLUSTERS, method: 'GET', kind, times: 10 })
      const started = performance.now()
      const error = expectError(await core.invoke('sync/run', {}))
      const elapsed = performance.now() - started
      expect(error.code).toBe('api/timeout')
      // The operation deadline + 10 %, plus slack for a busy shared machine.
      expect(elapsed).toBeLessThan(1_500 * 1.1 + 750)
      expect(backupRows(core.db)).toEqual(rows)
      emulator.clearFaults()
      expectOk(await core.invoke('sync/run', {}))
    })
  }
})

describe('malformed answers', () => {
  it('fails the sync with api/invalid-response on an answer without the expected data, without retrying, and keeps the cache', async () => {
    // The core's clock held still: the achieved RPO counts the open gap up to now, so two reads a moment apart differ.
    const { emulator, core } = await setUp({}, FAST_LIMITS, new ManualClock(DEMO_START))
    const clustersBefore = expectOk(await core.invoke('cluster/list', {}))
    const before = countOf(emulator, 'GET /v2/clusters')
    // HTTP 200 + code 0 + no data: a well-formed envelope with an answer the client cannot read.
    emulator.injectFault({ pathRegex: CLUSTERS, method: 'GET', kind: 'business-error', code: 0, message: 'garbage' })
    const error = expectError(await core.invoke('sync/run', {}))
    expect(error.code).toBe('api/invalid-response')
    expect(countOf(emulator, 'GET /v2/clusters') - before).toBe(1)
    expect(expectOk(await core.invoke('cluster/list', {}))).toEqual(clustersBefore)
  })
})

describe('API key refused (api/unauthorized)', () => {
  it('fails the sync after the key was revoked, keeps the cache, and syncs again once connection/update-key stored a new key', async () => {
    const { emulator: first, core, connectionId } = await setUp()
    const rows = backupRows(core.db)
    // "Revoke" the key: the same organisation (same seed and start time) on the same address now accepts only a new key.
    const newKey = 'rotated-key-0123456789abcdef'
    await first.close()
    const { emulator } = stopLater({ emulator: await startDemoEmulator({ port: first.port, apiKeys: [newKey] }), core })
    const error = expectError(await core.invoke('sync/run', {}))
    expect(error.code).toBe('api/unauthorized')
    expect(error.message).toContain('The apikey is illegal')
    expect(backupRows(core.db)).toEqual(rows)
    const [status] = expectOk(await core.invoke('sync/status', {}))
    expect(status?.lastError).toContain('API key')

    const wrong = expectError(await core.invoke('connection/update-key', { id: connectionId, apiKey: 'still-not-the-key-000000' }))
    expect(wrong.code).toBe('api/unauthorized')
    expectOk(await core.invoke('connection/update-key', { id: connectionId, apiKey: newKey }))
    const result = expectOk(await core.invoke('sync/run', {}))
    expect(result.clusters).toBe(emulator.state().clusters.length)
    expect(await core.secrets.get(connectionId)).toBe(newKey)
  })
})
