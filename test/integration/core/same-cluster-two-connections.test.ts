import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Backup } from '#contract/models/backup'
import type { RunningEmulator } from '#emulator/index'
import { connect, countOf, FAST_LIMITS, startDemoEmulator } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

/*
 * One organization added twice (a read-only and an admin key, a staging and a production connection): two demo
 * emulators list the same cluster and backup ids. An action sent for connection B must reach B's emulator only; one
 * sent without a connection, for an id both list, is refused and changes nothing (core/fleet/find-cluster.ts).
 */
let a: RunningEmulator
let b: RunningEmulator
let core: TestCore
let aId: string
let bId: string

beforeEach(async () => {
  a = await startDemoEmulator()
  b = await startDemoEmulator()
  core = createTestCore({ limits: FAST_LIMITS })
  aId = await connect(core, a, 'Org (read-only key)')
  bId = await connect(core, b, 'Org (admin key)')
  expectOk(await core.invoke('sync/run', { connectionId: aId }))
  expectOk(await core.invoke('sync/run', { connectionId: bId }))
})

afterEach(async () => {
  await core.close()
  await a.close()
  await b.close()
})

const POSTS = ['backups/create', 'backups/{backupId}', 'restoreCluster', 'restoreCollection', 'export', 'backups/policy']

/** Every request that changes something in Zilliz Cloud, counted by the emulator. */
function writes(emulator: RunningEmulator): number {
  return Object.entries(emulator.requestCounts())
    .filter(([endpoint]) => (endpoint.startsWith('POST ') || endpoint.startsWith('DELETE ')) && POSTS.some((p) => endpoint.includes(p)))
    .reduce((sum, [, n]) => sum + n, 0)
}

async function clusterIdNamed(name: string): Promise<string> {
  const cluster = expectOk(await core.invoke('cluster/list', { connectionId: bId })).find((c) => c.clusterName === name)
  if (cluster === undefined) throw new Error(`the demo seed has no cluster named ${name}`)
  expect(expectOk(await core.invoke('cluster/list', { connectionId: aId })).some((c) => c.clusterId === cluster.clusterId)).toBe(true)
  return cluster.clusterId
}

/** An AVAILABLE manual backup of the whole cluster that both organizations list under the same id. */
async function sharedAvailableBackup(clusterId: string): Promise<Backup> {
  const query = { clusterId, status: 'AVAILABLE' as const, creationMethod: 'MANUAL' as const, backupType: 'CLUSTER' as const }
  const [backup] = expectOk(await core.invoke('backup/list', { ...query, connectionId: bId })).items
  if (backup === undefined) throw new Error('the demo seed has no available manual backup of this cluster')
  expect(expectOk(await core.invoke('backup/list', { ...query, connectionId: aId })).items.map((x) => x.backupId)).toContain(backup.backupId)
  return backup
}

function manualBackups(emulator: RunningEmulator, clusterId: string): string[] {
  return emulator.state().backups.filter((x) => x.clusterId === clusterId && x.creationMethod === 'MANUAL' && x.status !== 'DELETED').map((x) => x.backupId)
}

describe('an action for connection B reaches B only, when A lists the same cluster id', () => {
  it('backup/create makes the backup in B, not in A, and the CREATING row it leaves is listed under B only', async () => {
    const clusterId = await clusterIdNamed('search-prod')
    const beforeA = manualBackups(a, clusterId)
    const created = expectOk(await core.invoke('backup/create', { clusterId, connectionId: bId }))
    expect(manualBackups(b, clusterId)).toContain(created.backupId)
    expect(manualBackups(a, clusterId)).toEqual(beforeA)
    const listed = (connectionId: string) => core.invoke('backup/list', { connectionId, clusterId, status: 'CREATING' })
    expect(expectOk(await listed(bId)).items.map((x) => x.backupId)).toContain(created.backupId)
    expect(expectOk(await listed(aId)).items.map((x) => x.backupId)).not.toContain(created.backupId)
  })

  it('backup/delete deletes B\'s backup; A still has it, in its emulator, its list and its search', async () => {
    const clusterId = await clusterIdNamed('orders-prod')
    const backup = await sharedAvailableBackup(clusterId)
    expectOk(await core.invoke('backup/delete', { clusterId, connectionId: bId, backupId: backup.backupId }))
    expect(b.state().backups.find((x) => x.backupId === backup.backupId)?.status).toBe('DELETED')
    expect(a.state().backups.find((x) => x.backupId === backup.backupId)?.status).toBe('AVAILABLE')
    const search = (connectionId: string) => core.invoke('backup/list', { connectionId, search: backup.backupName })
    expect(expectOk(await search(aId)).items.map((x) => x.backupId)).toContain(backup.backupId)
    expect(expectOk(await search(bId)).items.map((x) => x.backupId)).not.toContain(backup.backupId)
  })

  it('backup/restore-cluster and backup/export start their jobs in B only', async () => {
    const clusterId = await clusterIdNamed('orders-prod')
    const backup = await sharedAvailableBackup(clusterId)
    const clustersOf = (emulator: RunningEmulator): number => emulator.state().clusters.length
    const [clustersA, clustersB] = [clustersOf(a), clustersOf(b)]
    const restored = expectOk(
      await core.invoke('backup/restore-cluster', {
        clusterId, connectionId: bId, backupId: backup.backupId, projectId: backup.projectId, clusterName: 'orders-restored', cuSize: 1, collectionStatus: 'KEEP'
      })
    )
    expect(b.state().clusters.map((c) => c.clusterId)).toContain(restored.clusterId)
    expect(clustersOf(b)).toBe(clustersB + 1)
    expect(clustersOf(a)).toBe(clustersA)
    const exported = expectOk(await core.invoke('backup/export', { clusterId, connectionId: bId, backupId: backup.backupId, integrationId: 'integ-abc' }))
    expect(b.state().jobs.map((j) => j.jobId)).toContain(exported.jobId)
    expect(a.state().jobs.map((j) => j.jobId)).not.toContain(exported.jobId)
    expect([writes(a), writes(b)]).toEqual([0, 2])
    const jobs = expectOk(await core.invoke('job/list', {}))
    expect(jobs.filter((j) => j.jobId === exported.jobId || j.jobId === restored.jobId).map((j) => j.connectionId)).toEqual([bId, bId])
  })

  it('policy/apply changes B\'s policy in Zilliz Cloud and B\'s mirror, and leaves A\'s as it was', async () => {
    const clusterId = await clusterIdNamed('ml-features')
    const before = expectOk(await core.invoke('policy/get', { clusterId, connectionId: aId })).policy
    const policy = { ...before, retentionDays: before.retentionDays === 7 ? 8 : 7 }
    expect(expectOk(await core.invoke('policy/apply', { clusterId, connectionId: bId, policy })).state).toBe('synced')
    expect(b.state().policies.find((p) => p.clusterId === clusterId)?.retentionDays).toBe(policy.retentionDays)
    expect(a.state().policies.find((p) => p.clusterId === clusterId)?.retentionDays).toBe(before.retentionDays)
    expect(expectOk(await core.invoke('policy/get', { clusterId, connectionId: aId })).policy).toEqual(before)
    expect(expectOk(await core.invoke('draft/list', { connectionId: aId }))).toEqual([])
  })
})

describe('a plan holds a cluster id once, so its review keys results by cluster id (features/plans/ReviewChangesDialog.svelte)', () => {
  it('a plan for B made of an id A lists too, given twice, is one item of B; applying it changes B only and answers one result', async () => {
    const clusterId = await clusterIdNamed('ml-features')
    const before = expectOk(await core.invoke('policy/get', { clusterId, connectionId: aId })).policy
    const retentionDays = before.retentionDays === 7 ? 8 : 7
    const plan = expectOk(await core.invoke('plan/create', { clusterIds: [clusterId, clusterId], connectionId: bId, change: { kind: 'fields', retentionDays } }))
    expect(plan.items.map((i) => [i.connectionId, i.clusterId, i.verdict])).toEqual([[bId, clusterId, 'change']])
    const results = expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'now' }))
    expect(results).toEqual([expect.objectContaining({ clusterId, state: 'applied' })])
    expect(b.state().policies.find((p) => p.clusterId === clusterId)?.retentionDays).toBe(retentionDays)
    expect(a.state().policies.find((p) => p.clusterId === clusterId)?.retentionDays).toBe(before.retentionDays)
  })

  it('a plan without a connection may span both, but never with an id both list: one such id refuses the whole plan', async () => {
    const onlyInA = a.createCluster({ clusterName: 'only-in-a' }).clusterId
    // The emulators draw ids from one seed: another kind (in05-) keeps B's new id apart from A's.
    const onlyInB = b.createCluster({ clusterName: 'only-in-b', kind: 'serverless' }).clusterId
    expectOk(await core.invoke('sync/run', { connectionId: aId }))
    expectOk(await core.invoke('sync/run', { connectionId: bId }))
    const spanning = expectOk(await core.invoke('plan/create', { clusterIds: [onlyInA, onlyInB], change: { kind: 'fields', retentionDays: 9 } }))
    expect(spanning.items.map((i) => [i.connectionId, i.clusterId])).toEqual([[aId, onlyInA], [bId, onlyInB]])
    const shared = await clusterIdNamed('orders-prod')
    const error = expectError(await core.invoke('plan/create', { clusterIds: [onlyInA, shared], change: { kind: 'fields', retentionDays: 9 } }))
    expect([error.code, error.details?.field]).toEqual(['input/invalid', 'connectionId'])
  })
})

describe('a cluster id two connections list, without a connection', () => {
  it('is refused by every cluster command with input/invalid naming connectionId, and nothing is sent or stored', async () => {
    const clusterId = await clusterIdNamed('orders-prod')
    const backup = await sharedAvailableBackup(clusterId)
    const policy = expectOk(await core.invoke('policy/get', { clusterId, connectionId: bId })).policy
    const backupsBefore = expectOk(await core.invoke('backup/list', { connectionId: bId, limit: 1000 })).total
    const answers = [
      await core.invoke('backup/create', { clusterId }),
      await core.invoke('backup/delete', { clusterId, backupId: backup.backupId }),
      await core.invoke('backup/restore-cluster', { clusterId, backupId: backup.backupId, projectId: backup.projectId, clusterName: 'x', cuSize: 1, collectionStatus: 'KEEP' }),
      await core.invoke('backup/restore-collection', { clusterId, backupId: backup.backupId, destClusterId: clusterId, collectionName: 'c', destCollectionName: 'd' }),
      await core.invoke('backup/export', { clusterId, backupId: backup.backupId, integrationId: 'integ-abc' }),
      await core.invoke('backup/collections', { clusterId, backupId: backup.backupId }),
      await core.invoke('policy/apply', { clusterId, policy: { ...policy, retentionDays: policy.retentionDays + 1 } }),
      await core.invoke('draft/save', { clusterId, policy }),
      await core.invoke('policy/get', { clusterId }),
      await core.invoke('policy/history', { clusterId }),
      await core.invoke('backup/history', { clusterId }),
      await core.invoke('cluster/get', { clusterId }),
      await core.invoke('region/list', { clusterId }),
      await core.invoke('plan/create', { clusterIds: [clusterId], change: { kind: 'fields', retentionDays: 9 } })
    ]
    for (const answer of answers) {
      const error = expectError(answer)
      expect(error.code).toBe('input/invalid')
      expect(error.details?.field).toBe('connectionId')
      expect(error.message).not.toContain(clusterId)
    }
    expect([writes(a), writes(b)]).toEqual([0, 0])
    expect(countOf(b, 'GET /v2/clusters/{clusterId}/backups/{backupId}')).toBe(0)
    expect(expectOk(await core.invoke('draft/list', {}))).toEqual([])
    expect(expectOk(await core.invoke('backup/list', { connectionId: bId, limit: 1000 })).total).toBe(backupsBefore)
  })

  it('is answered for the one connection that lists it, and refused as not-found for a connection that does not', async () => {
    const clusterId = b.createCluster({ clusterName: 'only-in-b' }).clusterId
    expectOk(await core.invoke('sync/run', { connectionId: bId }))
    expect(expectOk(await core.invoke('cluster/get', { clusterId })).connectionId).toBe(bId)
    const error = expectError(await core.invoke('cluster/get', { clusterId, connectionId: aId }))
    expect(error.code).toBe('not-found')
  })
})
