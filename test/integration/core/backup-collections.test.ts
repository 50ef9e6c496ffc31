import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '#emulator/index'
import { startConnected, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import type { TestCore } from '../../fakes/test-core.ts'

let emulator: RunningEmulator
let core: TestCore
let connectionId = ''

beforeEach(async () => {
  ;({ emulator, core, connectionId } = await startConnected({ seed: 'demo', clockMode: 'manual', startTime: Date.UTC(2026, 2, 2), rateLimit: 1000 }))
  expectOk(await core.invoke('sync/run', { connectionId }))
})

afterEach(() => stopSyncedDemo({ emulator, core }))

describe('backup/collections', () => {
  it('lists the collections a cluster backup holds, from the API\'s describe backup, in the default database', async () => {
    const [backup] = expectOk(await core.invoke('backup/list', { connectionId, status: 'AVAILABLE', backupType: 'CLUSTER', limit: 1 })).items
    if (backup === undefined) throw new Error('the demo seed has no cluster backup')
    const collections = expectOk(await core.invoke('backup/collections', { clusterId: backup.clusterId, backupId: backup.backupId, connectionId }))
    const described = await fetch(`${emulator.url}/v2/clusters/${backup.clusterId}/backups/${backup.backupId}`, { headers: { Authorization: `Bearer ${emulator.apiKey}` } })
    const { data } = (await described.json()) as { data: { collections: { collectionName: string }[] } }
    expect(collections.map((c) => c.collectionName)).toEqual(data.collections.map((c) => c.collectionName))
    expect(collections.length).toBeGreaterThan(0)
    expect(collections.every((c) => c.dbName === 'default')).toBe(true)
  })

  it('answers an error for an unknown backup, and refuses a malformed id as input/invalid naming the field', async () => {
    const [cluster] = expectOk(await core.invoke('cluster/list', { connectionId })).filter((c) => c.supportsBackup)
    if (cluster === undefined) throw new Error('no Dedicated cluster')
    const unknown = await core.invoke('backup/collections', { clusterId: cluster.clusterId, backupId: 'backup-unknown', connectionId })
    expect(unknown.ok).toBe(false)
    const invalid = expectError(await core.invoke('backup/collections', { clusterId: cluster.clusterId, backupId: '', connectionId }))
    expect(invalid.code).toBe('input/invalid')
    expect(invalid.message).toContain('backupId')
  })
})
