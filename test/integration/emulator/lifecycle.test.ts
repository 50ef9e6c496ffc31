import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src-main/emulator/index.ts'
import type { RunningEmulator } from '../../../src-main/emulator/index.ts'
import { call, DAY, fails, HOUR, MINUTE, MONDAY_NOON, ok, SECOND } from './helpers.ts'
import * as s from './schemas.ts'

const listAll = async (emu: RunningEmulator, query: string): Promise<s.BackupItem[]> =>
  ok(await call(emu, 'GET', `/v2/backups?pageSize=100&${query}`), s.backupList).backups

describe('lifecycle on the emulator clock', () => {
  let emu: RunningEmulator
  let clusterId: string
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty', clockMode: 'manual', startTime: MONDAY_NOON, rateLimit: 10_000 })
    clusterId = emu.createCluster({ clusterName: 'life-1', plan: 'Enterprise' }).clusterId
  })
  afterAll(() => emu.close())

  it('starts a backup at once when a policy is enabled and moves it CREATING → AVAILABLE through a BACKUP job', async () => {
    const policy = { enabled: true, frequency: '1,3', startTime: '02:00-04:00', retentionDays: 7 }
    ok(await call(emu, 'POST', `/v2/clusters/${clusterId}/backups/policy`, policy), s.policySet)
    const [first] = await listAll(emu, `clusterId=${clusterId}`)
    expect(first).toEqual(expect.objectContaining({ status: 'CREATING', creationMethod: 'AUTO', size: 0 }))
    const jobId = emu.state().backups.find((b) => b.backupId === first!.backupId)!.jobId
    const job = async (): Promise<s.JobData> => ok(await call(emu, 'GET', `/v2/jobs/${jobId}`), s.job)
    expect(await job()).toEqual(expect.objectContaining({ type: 'BACKUP', status: 'PENDING', progress: '0' }))
    emu.advance(30 * SECOND)
    expect(await job()).toEqual(expect.objectContaining({ status: 'IN_PROGRESS', progress: '50' }))
    emu.advance(31 * SECOND)
    expect(await job()).toEqual(expect.objectContaining({ status: 'SUCCESSFUL', progress: '100', reason: '' }))
    const [done] = await listAll(emu, `clusterId=${clusterId}`)
    expect(done!.status).toBe('AVAILABLE')
    expect(done!.size).toBeGreaterThan(0)
    expect(Date.parse(done!.expireTime!) - Date.parse(done!.createTime)).toBe(7 * DAY)
  })

  it('starts no backup when a policy that is on already is changed, and one again when it is turned off and on', async () => {
    const other = emu.createCluster({ clusterName: 'life-2', plan: 'Enterprise' }).clusterId
    const autos = async (): Promise<number> => (await listAll(emu, `clusterId=${other}&creationMethod=AUTO`)).length
    const set = async (policy: object): Promise<void> => {
      ok(await call(emu, 'POST', `/v2/clusters/${other}/backups/policy`, policy), s.policySet)
    }
    const on = { enabled: true, frequency: '1,3', startTime: '02:00-04:00', retentionDays: 7 }
    await set(on)
    expect(await autos()).toBe(1)
    emu.advance(2 * MINUTE)
    await set({ ...on, retentionDays: 14 })
    await set({ ...on, frequency: '2,4', retentionDays: 14 })
    expect(await autos()).toBe(1)
    await set({ enabled: false })
    await set(on)
    expect(await autos()).toBe(2)
    emu.advance(2 * MINUTE)
  })

  it('runs automatic backups at the window start on the policy weekdays and expires them after retention, over three weeks', async () => {
    emu.advance(21 * DAY)
    const autos = await listAll(emu, `clusterId=${clusterId}&creationMethod=AUTO`)
    const now = emu.now()
    expect(autos.length).toBe(2)
    for (const backup of autos) {
      const created = new Date(backup.createTime)
      expect([1, 3]).toContain(created.getUTCDay())
      expect([created.getUTCHours(), created.getUTCMinutes()]).toEqual([2, 0])
      expect(Date.parse(backup.expireTime!)).toBeGreaterThan(now)
      expect(now - created.getTime()).toBeLessThan(7 * DAY)
    }
    const state = emu.state()
    const expired = state.backups.filter((b) => b.clusterId === clusterId && b.status === 'DELETED')
    expect(expired.length).toBe(1 + 6 - 2)
    expect(expired.every((b) => b.deletedTime === b.expireTime)).toBe(true)
  })

  it('keeps manual backups until deleted and allows only one manual backup at a time', async () => {
    const path = `/v2/clusters/${clusterId}/backups/create`
    const created = ok(await call(emu, 'POST', path, { backupType: 'CLUSTER' }), s.backupCreated)
    fails(await call(emu, 'POST', path, { backupType: 'CLUSTER' }), 96038)
    emu.advance(5 * 7 * DAY)
    const manual = await listAll(emu, `clusterId=${clusterId}&creationMethod=MANUAL`)
    expect(manual.map((b) => [b.backupId, b.status, b.expireTime])).toEqual([[created.backupId, 'AVAILABLE', null]])
  })

  it('refuses a manual backup while an automatic one runs', async () => {
    const now = emu.now()
    let next = Math.floor(now / DAY) * DAY + 2 * HOUR
    while (next <= now || ![1, 3].includes(new Date(next).getUTCDay())) next += DAY
    emu.setTime(next + 10 * SECOND)
    const [running] = await listAll(emu, `clusterId=${clusterId}&creationMethod=AUTO`)
    expect(running).toEqual(expect.objectContaining({ status: 'CREATING', createTime: new Date(next).toISOString().replace('.000Z', 'Z') }))
    expect(fails(await call(emu, 'POST', `/v2/clusters/${clusterId}/backups/create`, { backupType: 'CLUSTER' }), 96038)).toMatch(/automatic/)
    emu.advance(MINUTE)
  })

  it('restoreCluster creates a new cluster through a RESTORE job', async () => {
    const [backup] = await listAll(emu, `clusterId=${clusterId}&creationMethod=MANUAL`)
    const projectId = emu.state().projects[0]!.projectId
    const body = { projectId, clusterName: 'life-restored', cuSize: 2, collectionStatus: 'RELEASE' }
    const restored = ok(await call(emu, 'POST', `/v2/clusters/${clusterId}/backups/${backup!.backupId}/restoreCluster`, body), s.restoreClusterData)
    const describe = async (): Promise<string> => ok(await call(emu, 'GET', `/v2/clusters/${restored.clusterId}`), s.clusterDetail).status
    expect(await describe()).toBe('CREATING')
    expect(ok(await call(emu, 'GET', `/v2/jobs/${restored.jobId}`), s.job).type).toBe('RESTORE')
    emu.advance(2 * MINUTE)
    expect(await describe()).toBe('RUNNING')
    expect(ok(await call(emu, 'GET', `/v2/jobs/${restored.jobId}`), s.job).status).toBe('SUCCESSFUL')
  })

  it('removes automatic backups when the cluster is dropped and keeps manual ones', async () => {
    emu.dropCluster(clusterId)
    const left = await listAll(emu, `clusterId=${clusterId}`)
    expect(left.map((b) => b.creationMethod)).toEqual(['MANUAL'])
    fails(await call(emu, 'GET', `/v2/clusters/${clusterId}`), 96018)
    const detail = ok(await call(emu, 'GET', `/v2/clusters/${clusterId}/backups/${left[0]!.backupId}`), s.backupDetail)
    expect(detail.status).toBe('AVAILABLE')
    emu.advance(7 * DAY)
    expect(emu.state().backups.filter((b) => b.clusterId === clusterId && b.creationMethod === 'AUTO' && b.status !== 'DELETED')).toEqual([])
  })
})

describe('demo seed', () => {
  let emu: RunningEmulator
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'demo', clockMode: 'manual', startTime: MONDAY_NOON, rateLimit: 10_000 })
  })
  afterAll(() => emu.close())

  it('has two projects, Dedicated, Serverless and Free clusters and varied policies', () => {
    const state = emu.state()
    expect(state.projects).toHaveLength(2)
    const kinds = state.clusters.map((c) => c.clusterId.slice(0, 5))
    expect(kinds.filter((k) => k === 'in01-').length).toBeGreaterThanOrEqual(4)
    expect(kinds).toContain('in03-')
    expect(kinds).toContain('in05-')
    const enabled = state.policies.filter((p) => p.enabled)
    expect(new Set(enabled.map((p) => p.frequency)).size).toBeGreaterThanOrEqual(3)
    expect(state.policies.some((p) => !p.enabled)).toBe(true)
    expect(enabled.some((p) => p.crossRegionCopies.length > 0)).toBe(true)
  })

  it('holds 30 days of backups consistent with the policies, a failed job, one expiring soon and one stuck', async () => {
    const now = emu.now()
    const backups = await listAll(emu, '')
    const oldest = Math.min(...backups.map((b) => Date.parse(b.createTime)))
    expect(now - oldest).toBeGreaterThan(27 * DAY)
    expect(backups.some((b) => b.creationMethod === 'MANUAL')).toBe(true)
    expect(backups.some((b) => b.expireTime !== null && Date.parse(b.expireTime) - now < DAY)).toBe(true)
    const state = emu.state()
    for (const b of backups.filter((x) => x.creationMethod === 'AUTO')) {
      const policy = state.policies.find((p) => p.clusterId === b.clusterId)!
      const created = new Date(b.createTime)
      if (policy.enabled && Date.parse(b.createTime) > now - 29 * DAY && created.getUTCMinutes() === 0) {
        expect(policy.frequency.split(',')).toContain(String(created.getUTCDay() === 0 ? 7 : created.getUTCDay()))
        expect(policy.startTime.slice(0, 2)).toBe(String(created.getUTCHours()).padStart(2, '0'))
      }
    }
    const failed = state.jobs.find((j) => j.status === 'FAILED')!
    expect(failed.reason).not.toBe('')
    expect(backups.some((b) => b.backupId === failed.backupId)).toBe(false)
    expect(ok(await call(emu, 'GET', `/v2/jobs/${failed.jobId}`), s.job)).toEqual(expect.objectContaining({ status: 'FAILED', type: 'BACKUP' }))
    const stuck = backups.find((b) => b.status === 'CREATING' && now - Date.parse(b.createTime) > 6 * HOUR)!
    const stuckJob = state.backups.find((b) => b.backupId === stuck.backupId)!.jobId
    expect(ok(await call(emu, 'GET', `/v2/jobs/${stuckJob}`), s.job).status).toBe('IN_PROGRESS')
  })
})
