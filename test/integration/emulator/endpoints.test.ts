import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src-main/emulator/index.ts'
import type { RunningEmulator } from '../../../src-main/emulator/index.ts'
import { call, fails, MINUTE, MONDAY_NOON, ok } from './helpers.ts'
import * as s from './schemas.ts'
import type { ClusterItem } from './schemas.ts'

let emu: RunningEmulator
let byName: Map<string, ClusterItem>
const id = (name: string): string => byName.get(name)?.clusterId ?? 'missing'

beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo', clockMode: 'manual', startTime: MONDAY_NOON, rateLimit: 10_000 })
  const list = ok(await call(emu, 'GET', '/v2/clusters?pageSize=100'), s.clusterList)
  byName = new Map(list.clusters.map((c) => [c.clusterName, c]))
})
afterAll(() => emu.close())

describe('authentication and transport', () => {
  it('answers an unknown key with HTTP 401 and code 21119', async () => {
    const reply = await call(emu, 'GET', '/v2/projects', undefined, 'gibberish_api_key')
    expect(reply.body).toEqual({ code: 21119, message: 'The apikey is illegal' })
    expect(reply.status).toBe(401)
  })

  it('answers a missing Authorization header with HTTP 401', async () => {
    fails(await call(emu, 'GET', '/v2/clusters', undefined, null), 21119, 401)
  })

  it('sends requestid and Date headers on every response, errors included', async () => {
    for (const reply of [await call(emu, 'GET', '/v2/clouds'), await call(emu, 'GET', '/v2/clouds', undefined, 'bad')]) {
      expect(reply.headers.get('requestid')).toMatch(/^[0-9a-f-]{36}$/)
      expect(Date.parse(reply.headers.get('date') ?? '')).toBe(Math.floor(emu.now() / 1000) * 1000)
    }
  })

  it('answers a malformed JSON body with a {code, message} error and keeps serving', async () => {
    fails(await call(emu, 'POST', `/v2/clusters/${id('orders-prod')}/backups/policy`, '{"enabled": tru'), 96100)
    ok(await call(emu, 'GET', '/v2/clouds'), s.clouds)
  })

  it('answers an unknown route with HTTP 404 and a {code, message} body', async () => {
    fails(await call(emu, 'GET', '/v2/nothing-here'), 404, 404)
  })
})

describe('projects, clusters and cloud meta', () => {
  it('lists projects as an array and describes one by id', async () => {
    const list = ok(await call(emu, 'GET', '/v2/projects'), s.projects)
    expect(list).toHaveLength(2)
    const first = list[0]!
    expect(ok(await call(emu, 'GET', `/v2/projects/${first.projectId}`), s.project)).toEqual(expect.objectContaining(first))
    fails(await call(emu, 'GET', '/v2/projects/proj-0000000000000000000000'), 96005)
  })

  it('pages clusters with count as the total and validates paging', async () => {
    const page = ok(await call(emu, 'GET', '/v2/clusters?pageSize=2&currentPage=2'), s.clusterList)
    expect(page).toEqual(expect.objectContaining({ count: 7, currentPage: 2, pageSize: 2 }))
    expect(page.clusters).toHaveLength(2)
    fails(await call(emu, 'GET', '/v2/clusters?pageSize=101'), 96008)
    fails(await call(emu, 'GET', '/v2/clusters?pageSize=0'), 96008)
    fails(await call(emu, 'GET', '/v2/clusters?currentPage=0'), 96009)
  })

  it('filters clusters by region', async () => {
    const page = ok(await call(emu, 'GET', '/v2/clusters?region=gcp-us-west1'), s.clusterList)
    expect(page.clusters.every((c) => c.regionId === 'gcp-us-west1')).toBe(true)
    expect(page.count).toBe(3)
  })

  it('describes a cluster and reports Free/Serverless with empty cuType and cuSize 0', async () => {
    const detail = ok(await call(emu, 'GET', `/v2/clusters/${id('orders-prod')}`), s.clusterDetail)
    expect(detail).toEqual(expect.objectContaining({ deploymentOption: 'Dedicated', status: 'RUNNING', plan: 'Enterprise' }))
    expect(detail.snapshotNumber).toBeGreaterThan(0)
    const free = ok(await call(emu, 'GET', `/v2/clusters/${id('sandbox-free')}`), s.clusterDetail)
    expect([free.clusterId.slice(0, 5), free.cuType, free.cuSize, free.plan]).toEqual(['in03-', '', 0, 'Free'])
    fails(await call(emu, 'GET', '/v2/clusters/in01-000000000000000'), 96018)
  })

  it('lists clouds and regions, filtered by cloudId, and rejects an unknown cloud', async () => {
    const clouds = ok(await call(emu, 'GET', '/v2/clouds'), s.clouds)
    expect(clouds.map((c) => c.cloudId)).toEqual(['aws', 'gcp', 'azure'])
    const regions = ok(await call(emu, 'GET', '/v2/regions?cloudId=gcp'), s.regions)
    expect(regions.length).toBeGreaterThan(0)
    expect(regions.every((r) => r.cloudId === 'gcp' && r.regionId.startsWith('gcp-'))).toBe(true)
    fails(await call(emu, 'GET', '/v2/regions?cloudId=moon'), 96000)
  })
})

describe('backup policy', () => {
  it('refuses backup operations on Free and Serverless clusters and unknown clusters', async () => {
    fails(await call(emu, 'GET', `/v2/clusters/${id('sandbox-free')}/backups/policy`), 96021)
    fails(await call(emu, 'GET', `/v2/clusters/${id('events-serverless')}/backups/policy`), 96022)
    fails(await call(emu, 'POST', `/v2/clusters/${id('events-serverless')}/backups/create`, { backupType: 'CLUSTER' }), 96022)
    fails(await call(emu, 'GET', '/v2/clusters/in01-ffffffffffffff0/backups/policy'), 96018)
  })

  it('validates frequency, startTime, retentionDays, enabled and cross-region copies', async () => {
    const path = `/v2/clusters/${id('ml-features')}/backups/policy`
    const base = { enabled: true, frequency: '1,2', startTime: '02:00-04:00', retentionDays: 7 }
    fails(await call(emu, 'POST', path, { ...base, frequency: '0,8' }), 96032)
    fails(await call(emu, 'POST', path, { ...base, startTime: '25:00-27:00' }), 96033)
    fails(await call(emu, 'POST', path, { ...base, retentionDays: 31 }), 96034)
    fails(await call(emu, 'POST', path, { ...base, retentionDays: 0 }), 96034)
    fails(await call(emu, 'POST', path, { frequency: '1' }), 96100)
    fails(await call(emu, 'POST', path, { ...base, crossRegionCopies: [{ regionId: 'gcp-us-west1', retentionDays: 3 }] }), 96001)
    fails(await call(emu, 'POST', path, { ...base, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 40 }] }), 96034)
  })

  it('returns the cross-region copies with their region code', async () => {
    const policy = ok(await call(emu, 'GET', `/v2/clusters/${id('orders-prod')}/backups/policy`), s.policyGet)
    expect(policy).toEqual({
      clusterId: id('orders-prod'),
      status: 'ENABLED',
      startTime: '02:00-04:00',
      frequency: '1,2,3,4,5,6,7',
      retentionDays: 7,
      crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 3, region: 'us-east-1' }]
    })
  })

  it("accepts Terraform's zero-value disable and reports null/0 fields when disabled", async () => {
    const path = `/v2/clusters/${id('search-prod')}/backups/policy`
    const body = { frequency: '', startTime: '', retentionDays: 0, enabled: false, crossRegionCopies: null }
    expect(ok(await call(emu, 'POST', path, body), s.policySet).status).toBe('DISABLED')
    expect(ok(await call(emu, 'GET', path), s.policyGet)).toEqual(
      expect.objectContaining({ status: 'DISABLED', startTime: null, frequency: null, retentionDays: 0 })
    )
  })
})

describe('backups', () => {
  it('creates a manual backup, then refuses a second one while the first runs', async () => {
    const path = `/v2/clusters/${id('ml-features')}/backups/create`
    const created = ok(await call(emu, 'POST', path, { backupType: 'CLUSTER' }), s.backupCreated)
    expect(created.backupName).toMatch(/^ml-features_backup\d+$/)
    expect(fails(await call(emu, 'POST', path, { backupType: 'CLUSTER' }), 96038)).toMatch(/^Failed to create backup\./)
    emu.advance(2 * MINUTE)
    const detail = ok(await call(emu, 'GET', `/v2/clusters/${id('ml-features')}/backups/${created.backupId}`), s.backupDetail)
    expect(detail).toEqual(expect.objectContaining({ status: 'AVAILABLE', creationMethod: 'MANUAL', expireTime: null }))
    expect(detail.size).toBeGreaterThan(0)
  })

  it('validates backupType and collection lists', async () => {
    const path = `/v2/clusters/${id('ml-features')}/backups/create`
    fails(await call(emu, 'POST', path, { backupType: 'DATABASE' }), 96029)
    fails(await call(emu, 'POST', path, {}), 96029)
    fails(await call(emu, 'POST', path, { backupType: 'COLLECTION' }), 96038)
    fails(await call(emu, 'POST', path, { backupType: 'COLLECTION', dbCollections: [{ collectionNames: ['nope'] }] }), 96038)
    fails(await call(emu, 'POST', path, { backupType: 'CLUSTER', crossRegionCopies: [{ regionId: 'xx-nowhere' }] }), 96001)
  })

  it('lists organization-wide with every filter, newest first, count = total matching', async () => {
    const all = ok(await call(emu, 'GET', '/v2/backups?pageSize=100'), s.backupList)
    expect(all.count).toBe(all.backups.length)
    const times = all.backups.map((b) => b.createTime)
    expect([...times].sort().reverse()).toEqual(times)
    const project = all.backups[0]!.projectId
    const checks: [string, (b: s.BackupItem) => boolean][] = [
      [`projectId=${project}`, (b) => b.projectId === project],
      [`clusterId=${id('orders-prod')}`, (b) => b.clusterId === id('orders-prod')],
      ['creationMethod=MANUAL', (b) => b.creationMethod === 'MANUAL'],
      ['creationMethod=auto', (b) => b.creationMethod === 'AUTO'],
      ['backupType=COLLECTION', (b) => b.backupType === 'COLLECTION'],
      ['startTime=2025-05-20T00:00:00Z&endTime=2025-05-27T00:00:00Z', (b) => b.createTime >= '2025-05-20' && b.createTime <= '2025-05-27T00:00:00Z']
    ]
    for (const [query, predicate] of checks) {
      const page = ok(await call(emu, 'GET', `/v2/backups?pageSize=100&${query}`), s.backupList)
      expect(page.backups.length, query).toBeGreaterThan(0)
      expect(page.backups.every(predicate), query).toBe(true)
      expect(page.count, query).toBe(all.backups.filter(predicate).length)
    }
    const second = ok(await call(emu, 'GET', '/v2/backups?pageSize=5&currentPage=2'), s.backupList)
    expect(second.backups.map((b) => b.backupId)).toEqual(all.backups.slice(5, 10).map((b) => b.backupId))
    expect(second.count).toBe(all.count)
  })

  it('rejects invalid list parameters with the documented codes', async () => {
    fails(await call(emu, 'GET', '/v2/backups?pageSize=0'), 96008)
    fails(await call(emu, 'GET', '/v2/backups?pageSize=abc'), 96008)
    fails(await call(emu, 'GET', '/v2/backups?currentPage=-1'), 96009)
    fails(await call(emu, 'GET', '/v2/backups?creationMethod=SOMETIMES'), 96030)
    fails(await call(emu, 'GET', '/v2/backups?backupType=DB'), 96029)
    fails(await call(emu, 'GET', '/v2/backups?projectId=proj-nope'), 96005)
    fails(await call(emu, 'GET', '/v2/backups?startTime=yesterday'), 96007)
    fails(await call(emu, 'GET', '/v2/backups?startTime=2025-05-27T00:00:00Z&endTime=2025-05-20T00:00:00Z'), 96035)
  })

  it('deletes a backup: it leaves the list and describes as DELETED', async () => {
    const cluster = id('orders-prod')
    const list = ok(await call(emu, 'GET', `/v2/backups?clusterId=${cluster}&creationMethod=MANUAL`), s.backupList)
    const target = list.backups.find((b) => b.status === 'AVAILABLE')!
    const path = `/v2/clusters/${cluster}/backups/${target.backupId}`
    expect(ok(await call(emu, 'DELETE', path), s.backupDeleted)).toEqual({ backupId: target.backupId, backupName: target.backupName })
    expect(ok(await call(emu, 'GET', path), s.backupDetail).status).toBe('DELETED')
    const after = ok(await call(emu, 'GET', `/v2/backups?clusterId=${cluster}&pageSize=100`), s.backupList)
    expect(after.backups.some((b) => b.backupId === target.backupId)).toBe(false)
    fails(await call(emu, 'DELETE', path), 96041)
    fails(await call(emu, 'GET', `/v2/clusters/${cluster}/backups/backup1_000000000000000`), 96041)
  })

  it('pages the unfiltered organization list newest first over exactly the listable backups, a deleted one gone', async () => {
    const cluster = id('search-prod')
    const before = ok(await call(emu, 'GET', `/v2/backups?clusterId=${cluster}&pageSize=100`), s.backupList)
    const target = before.backups.find((b) => b.status === 'AVAILABLE')!
    ok(await call(emu, 'DELETE', `/v2/clusters/${cluster}/backups/${target.backupId}`), s.backupDeleted)
    const pages = []
    for (let page = 1; ; page++) {
      const reply = ok(await call(emu, 'GET', `/v2/backups?pageSize=7&currentPage=${page}`), s.backupList)
      pages.push(reply)
      if (reply.backups.length < 7) break
    }
    const unfiltered = pages.flatMap((p) => p.backups)
    // The same set through the filtered scan: every cluster's own list.
    const perCluster = []
    for (const c of byName.values()) perCluster.push(...ok(await call(emu, 'GET', `/v2/backups?clusterId=${c.clusterId}&pageSize=100`), s.backupList).backups)
    expect(pages.every((p) => p.count === unfiltered.length)).toBe(true)
    expect(new Set(unfiltered.map((b) => b.backupId))).toEqual(new Set(perCluster.map((b) => b.backupId)))
    expect(unfiltered).toHaveLength(perCluster.length)
    expect(unfiltered.some((b) => b.backupId === target.backupId)).toBe(false)
    const times = unfiltered.map((b) => Date.parse(b.createTime))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('refuses to delete a backup that is still CREATING', async () => {
    const creating = emu.state().backups.find((b) => b.status === 'CREATING')!
    fails(await call(emu, 'DELETE', `/v2/clusters/${creating.clusterId}/backups/${creating.backupId}`), 96042)
  })
})

describe('restore and export', () => {
  async function availableBackup(cluster: string, type = 'CLUSTER'): Promise<string> {
    const list = ok(await call(emu, 'GET', `/v2/backups?clusterId=${cluster}&backupType=${type}`), s.backupList)
    return list.backups.find((b) => b.status === 'AVAILABLE')!.backupId
  }

  it('restoreCluster validates every field and accepts projectId or targetProjectId', async () => {
    const cluster = id('orders-prod')
    const path = `/v2/clusters/${cluster}/backups/${await availableBackup(cluster)}/restoreCluster`
    const projectId = byName.get('orders-prod')!.projectId
    const good = { projectId, clusterName: 'restored-a', cuSize: 2, collectionStatus: 'KEEP' }
    fails(await call(emu, 'POST', path, { ...good, projectId: 'proj-unknown' }), 96005)
    fails(await call(emu, 'POST', path, { ...good, clusterName: 'bad name!' }), 96010)
    fails(await call(emu, 'POST', path, { ...good, cuSize: 0 }), 96002)
    fails(await call(emu, 'POST', path, { ...good, collectionStatus: 'LOADED' }), 96031)
    fails(await call(emu, 'POST', path, { ...good, clusterName: 'orders-prod' }), 96017)
    fails(await call(emu, 'POST', path.replace(/backup\d+_[0-9a-f]+/, 'backup9_000000000000000'), good), 96041)
    ok(await call(emu, 'POST', path, good), s.restoreClusterData)
    const { projectId: _drop, ...rest } = good
    ok(await call(emu, 'POST', path, { ...rest, targetProjectId: projectId, clusterName: 'restored-b' }), s.restoreClusterData)
  })

  it('restoreCollection accepts target* and dest* spellings and checks the destination', async () => {
    const cluster = id('orders-prod')
    const path = `/v2/clusters/${cluster}/backups/${await availableBackup(cluster)}/restoreCollection`
    const target = { destClusterId: id('search-prod'), dbCollections: [{ dbName: 'default', destDbName: 'default', collections: [{ collectionName: 'products', targetCollectionName: 'p2', targetCollectionStatus: 'LOADED' }] }] }
    ok(await call(emu, 'POST', path, target), s.jobOnly)
    const dest = { targetClusterId: id('catalog-staging'), dbCollections: [{ collections: [{ collectionName: 'products', destCollectionName: 'p3', destCollectionStatus: 'UNLOADED' }] }] }
    ok(await call(emu, 'POST', path, dest), s.jobOnly)
    fails(await call(emu, 'POST', path, { destClusterId: id('search-prod'), dbCollections: [{ collections: [{ collectionName: 'products', targetCollectionStatus: 'HOT' }] }] }), 96037)
    fails(await call(emu, 'POST', path, { destClusterId: id('sandbox-free') }), 96021)
    fails(await call(emu, 'POST', path, { destClusterId: 'in01-aaaaaaaaaaaaaaa' }), 96018)
    fails(await call(emu, 'POST', path, {}), 96039)
  })

  it('export returns a job for an Enterprise cluster and 96028 for a Standard one', async () => {
    const prod = id('orders-prod')
    ok(await call(emu, 'POST', `/v2/clusters/${prod}/backups/${await availableBackup(prod)}/export`, { integrationId: 'integ-abc', directory: 'dest/' }), s.jobOnly)
    const staging = id('ml-features')
    fails(await call(emu, 'POST', `/v2/clusters/${staging}/backups/${await availableBackup(staging)}/export`, { integrationId: 'integ-abc' }), 96028)
    fails(await call(emu, 'POST', `/v2/clusters/${prod}/backups/${await availableBackup(prod)}/export`, {}), 96100)
  })

  it('describes jobs in the envelope and answers 96026 for an unknown job', async () => {
    const jobId = emu.state().jobs[0]!.jobId
    ok(await call(emu, 'GET', `/v2/jobs/${jobId}`), s.job)
    fails(await call(emu, 'GET', '/v2/jobs/job-0000000000000000000000'), 96026)
  })
})
