import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'
import { expectOk, expectError } from '../../fakes/envelope.ts'

let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  emulator = await startEmulator({ seed: 'demo', clockMode: 'manual', jobDurationMs: 30_000 })
  core = createTestCore()
})

afterEach(async () => {
  await core.close()
  await emulator.close()
})

async function connect(): Promise<string> {
  const connection = expectOk(await core.invoke('connection/add', { name: 'Demo org', baseUrl: emulator.url, apiKey: emulator.apiKey }))
  return connection.id
}

describe('connecting to Zilliz Cloud', () => {
  it('refuses a bad API key with the server message and saves nothing', async () => {
    const error = expectError(await core.invoke('connection/add', { name: 'Typo', baseUrl: emulator.url, apiKey: 'definitely-not-the-key' }))
    expect(error.code).toBe('api/unauthorized')
    expect(error.message).toContain('The apikey is illegal')
    expect(expectOk(await core.invoke('connection/list', {}))).toEqual([])
  })

  it('stores the key in the secret store and shows only a masked hint', async () => {
    const id = await connect()
    const [listed] = expectOk(await core.invoke('connection/list', {}))
    expect(listed).toMatchObject({ id, name: 'Demo org', hasToken: true, isActive: true, tokenHint: `••••${emulator.apiKey.slice(-4)}` })
    expect(JSON.stringify(listed)).not.toContain(emulator.apiKey)
    expect(await core.secrets.get(id)).toBe(emulator.apiKey)
  })

  it('refuses a non-https address that is not loopback', async () => {
    const error = expectError(await core.invoke('connection/add', { name: 'Plain', baseUrl: 'http://example.com', apiKey: emulator.apiKey }))
    expect(error.code).toBe('input/invalid')
  })
})

describe('sync', () => {
  it('mirrors every cluster, every Dedicated policy and every listed backup', async () => {
    await connect()
    const result = expectOk(await core.invoke('sync/run', {}))
    const state = emulator.state()
    const dedicated = state.clusters.filter((c) => c.kind === 'dedicated')
    const listed = state.backups.filter((b) => b.status === 'AVAILABLE' || b.status === 'CREATING')
    expect(result.clusters).toBe(state.clusters.length)
    expect(result.policies).toBe(dedicated.length)
    expect(result.backups).toBe(listed.length)
    const page = expectOk(await core.invoke('backup/list', { limit: 1000 }))
    expect(page.total).toBe(listed.length)
    expect(new Set(page.items.map((b) => b.backupId))).toEqual(new Set(listed.map((b) => b.backupId)))
  })

  it('explains why Free and Serverless clusters have no backups', async () => {
    await connect()
    expectOk(await core.invoke('sync/run', {}))
    const clusters = expectOk(await core.invoke('cluster/list', {}))
    const free = clusters.find((c) => c.deployment === 'Free')
    const serverless = clusters.find((c) => c.deployment === 'Serverless')
    expect(free?.supportsBackup).toBe(false)
    // The reason is a details-pane fact: `cluster/list` carries only what the Fleet rows show.
    expect(free).not.toHaveProperty('unsupportedReason')
    expect(expectOk(await core.invoke('cluster/get', { clusterId: free?.clusterId ?? '' })).unsupportedReason).toContain('Free clusters cannot be backed up')
    expect(expectOk(await core.invoke('cluster/get', { clusterId: serverless?.clusterId ?? '' })).unsupportedReason).toContain('Serverless clusters cannot be backed up')
    const dedicated = clusters.filter((c) => c.supportsBackup)
    expect(dedicated.length).toBeGreaterThanOrEqual(4)
    expect(dedicated.every((c) => c.policy !== null)).toBe(true)
  })

  it('keeps everything readable from the cache when Zilliz Cloud is unreachable', async () => {
    const id = await connect()
    expectOk(await core.invoke('sync/run', {}))
    const before = expectOk(await core.invoke('backup/list', { limit: 5 }))
    await emulator.close()
    const error = expectError(await core.invoke('sync/run', {}))
    expect(error.code).toBe('api/unreachable')
    const after = expectOk(await core.invoke('backup/list', { limit: 5 }))
    expect(after).toEqual(before)
    expect(expectOk(await core.invoke('cluster/list', {})).length).toBeGreaterThan(0)
    const [status] = expectOk(await core.invoke('sync/status', {}))
    expect(status).toMatchObject({ connectionId: id, isOffline: true })
    expect(status?.lastError).toContain('reach')
  })

  it('records a policy changed elsewhere in the change history', async () => {
    await connect()
    expectOk(await core.invoke('sync/run', {}))
    const cluster = expectOk(await core.invoke('cluster/list', {})).find((c) => c.policy?.enabled === true)
    expect(cluster).toBeDefined()
    const response = await fetch(`${emulator.url}/v2/clusters/${cluster!.clusterId}/backups/policy`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: true, frequency: '6,7', startTime: '20:00-22:00', retentionDays: 3 })
    })
    expect(((await response.json()) as { code: number }).code).toBe(0)
    expectOk(await core.invoke('sync/run', {}))
    const history = expectOk(await core.invoke('policy/history', { clusterId: cluster!.clusterId }))
    expect(history[0]).toMatchObject({ source: 'remote-change', after: { frequency: '6,7', startTime: '20:00-22:00', retentionDays: 3 } })
  })

  it('emits progress events and one finished event per sync', async () => {
    await connect()
    expectOk(await core.invoke('sync/run', {}))
    const seen: string[] = []
    const unsubscribe = core.events.subscribe((m) => seen.push(m.name === 'sync/progressed' ? `progress:${m.payload.phase}` : m.name))
    expectOk(await core.invoke('sync/run', {}))
    unsubscribe()
    // The first phase named is the cluster list, the first request a sync sends (the projects are read beside it).
    expect(seen.find((s) => s.startsWith('progress:'))).toBe('progress:clusters')
    expect(seen).toContain('progress:backups')
    expect(seen.filter((s) => s === 'sync/finished')).toHaveLength(1)
  })
})
