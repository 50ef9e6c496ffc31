import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '#emulator/index'
import { clusterNamed, startSyncedDemo, stopSyncedDemo, waitFor } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'
import type { TestCore } from '../../fakes/test-core.ts'

let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  ;({ emulator, core } = await startSyncedDemo({ jobDurationMs: 30_000 }))
})

afterEach(() => stopSyncedDemo({ emulator, core }))

describe('work in progress is visible (issue #11)', () => {
  it('lists a new manual backup at once as CREATING, before any sync, and the next sync keeps what Zilliz reports', async () => {
    const { clusterId } = await clusterNamed(core, 'orders-prod')
    const created = expectOk(await core.invoke('backup/create', { clusterId }))
    const listed = expectOk(await core.invoke('backup/list', { clusterId, sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 50 }))
    expect(listed.items.find((b) => b.backupId === created.backupId)).toMatchObject({
      backupName: created.backupName,
      clusterName: 'orders-prod',
      creationMethod: 'MANUAL',
      status: 'CREATING',
      expireTime: null
    })
    expect(expectOk(await core.invoke('backup/list', { search: created.backupName, sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 5 })).total).toBe(1)

    emulator.advance(60_000)
    expectOk(await core.invoke('sync/run', {}))
    const after = expectOk(await core.invoke('backup/list', { clusterId, sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 50 }))
    expect(after.items.filter((b) => b.backupId === created.backupId)).toEqual([expect.objectContaining({ status: 'AVAILABLE' })])
  })

  it('names tracked jobs by their backup and cluster', async () => {
    const { clusterId } = await clusterNamed(core, 'orders-prod')
    const created = expectOk(await core.invoke('backup/create', { clusterId }))
    const jobs = expectOk(await core.invoke('job/list', {}))
    expect(jobs.find((j) => j.jobId === created.jobId)).toMatchObject({ action: 'create-backup', backupName: created.backupName, clusterName: 'orders-prod' })
  })
})

describe('a search agrees with the list while a sync is still running', () => {
  it('finds a backup as soon as the list that brought it replaced the cache, before the sync has finished', async () => {
    const { clusterId } = await clusterNamed(core, 'orders-prod')
    emulator.advance(60_000)
    const created = expectOk(await core.invoke('backup/create', { clusterId }))
    emulator.advance(60_000)
    // The policy reads of the next sync are slowed down, so the sync is still running once its backup list is in.
    emulator.injectFault({ pathRegex: '/backups/policy$', method: 'GET', kind: 'latency', ms: 250, times: 100 })
    const sync = core.invoke('sync/run', {})
    await waitFor('the listed backup to be AVAILABLE in the cache', async () => {
      const listed = expectOk(await core.invoke('backup/list', { clusterId, status: 'AVAILABLE', sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 50 }))
      return listed.items.some((b) => b.backupId === created.backupId) ? true : undefined
    })
    const found = expectOk(await core.invoke('backup/list', { search: created.backupName, status: 'AVAILABLE', sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 5 }))
    expect(found.total).toBe(1)
    expectOk(await sync)
  })
})
