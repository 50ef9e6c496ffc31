import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clusterDetailSchema, clusterSummarySchema } from '#contract/commands/cluster'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'

let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  emulator = await startEmulator({ seed: 'demo', clockMode: 'manual' })
  core = createTestCore()
  expectOk(await core.invoke('connection/add', { name: 'Demo org', baseUrl: emulator.url, apiKey: emulator.apiKey }))
  expectOk(await core.invoke('sync/run', {}))
})

afterEach(async () => {
  await core.close()
  await emulator.close()
})

describe('the Fleet rows and the details on demand', () => {
  it('lists only the fields the Fleet rows show, with nothing beyond the row schema', async () => {
    const clusters = expectOk(await core.invoke('cluster/list', {}))
    expect(clusters.length).toBeGreaterThan(0)
    const rowFields = Object.keys(clusterSummarySchema.shape).sort()
    for (const cluster of clusters) expect(Object.keys(cluster).sort()).toEqual(rowFields)
  })

  it('answers one cluster with its row and the facts only the details pane shows', async () => {
    const listed = expectOk(await core.invoke('cluster/list', {})).find((c) => c.clusterName === 'search-prod')
    const detail = expectOk(await core.invoke('cluster/get', { clusterId: listed?.clusterId ?? '' }))
    expect(clusterDetailSchema.parse(detail)).toEqual(detail)
    expect(detail).toMatchObject({ ...listed, cuType: 'Capacity-optimized', cuSize: 8, unsupportedReason: null })
    expect(Date.parse(detail.policyReadAt ?? '')).not.toBeNaN()
    expect(Date.parse(detail.createTime ?? '')).not.toBeNaN()
  })

  it('says why a Free cluster has no backups', async () => {
    const free = expectOk(await core.invoke('cluster/list', {})).find((c) => c.deployment === 'Free')
    const detail = expectOk(await core.invoke('cluster/get', { clusterId: free?.clusterId ?? '' }))
    expect(detail).toMatchObject({ supportsBackup: false, health: 'unknown', policyReadAt: null })
    expect(detail.unsupportedReason).toContain('Free clusters cannot be backed up')
  })

  it('answers not-found for a cluster that is not cached, and input/invalid naming the field for a bad id', async () => {
    expect(expectError(await core.invoke('cluster/get', { clusterId: 'in01-not-there' })).code).toBe('not-found')
    const invalid = expectError(await core.invoke('cluster/get', { clusterId: 'x'.repeat(500) }))
    expect(invalid.code).toBe('input/invalid')
    expect(invalid.message).toContain('clusterId')
    expect(invalid.message).not.toContain('x'.repeat(500))
  })
})
