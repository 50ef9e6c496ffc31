import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { timeSchema } from '#core/api/schemas'
import { createZillizClient } from '#core/api/zilliz-client'
import { API_KEY, ok, sendJson, startServer } from './test-server.ts'
import type { TestServer } from './test-server.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
})

/** Serves one canned body per route (`METHOD path`), the fixtures below. */
async function fixtureClient(routes: Record<string, unknown>) {
  server = await startServer((req, res) => {
    const key = `${req.method} ${(req.url ?? '').split('?')[0]}`
    const body = routes[key]
    if (body === undefined) sendJson(res, 404, { code: 404, message: `no fixture for ${key}` })
    else sendJson(res, 200, body)
  })
  return createZillizClient({ baseUrl: server.url, apiKey: API_KEY })
}

// Examples from Zilliz's documentation and recordings (REF, GUIDE, TF-REC: docs/zilliz-api-notes.md#sources).
const POLICY_REF = { code: 0, data: { clusterId: 'inxx-xxxxxxxxxxxxxxx', status: 'ENABLED', startTime: '02:00-04:00', frequency: '1,2,3,5', retentionDays: 7 } }
const POLICY_JA = { code: 0, data: { clusterId: 'in01-a', status: 'ENABLED', startTime: '02:00-04:00', frequency: '7', retentionDays: 7, crossRegionPolicies: [{ regionId: 'aws-us-west-2', retentionDays: 7, region: 'us-west-2' }] } }
const POLICY_COPIES = { code: 0, data: { clusterId: 'in01-b', status: 'ENABLED', startTime: '03:00-05:00', frequency: '1,2,5', retentionDays: 3, crossRegionCopies: [{ regionId: 'ali-cn-hangzhou', retentionDays: 5, region: 'cn-hangzhou' }] } }
const POLICY_DISABLED = { code: 0, data: { clusterId: 'in01-c', status: 'DISABLED', startTime: null, frequency: null, retentionDays: 0 } }
const CREATE = { code: 0, data: { backupId: 'backup0_c7b18539b97xxxx', backupName: 'Dedicated-01_backup2', jobId: 'job-031a8e3587ba7zqkadxxxx' } }
const DESCRIBE_FLAT = { code: 0, data: { clusterId: 'in01-a', clusterName: 'Dedicated-01', projectId: 'proj-1', backupId: 'backup0_x', backupName: 'Dedicated-01_backup3', backupType: 'COLLECTION', creationMethod: 'MANUAL', status: 'AVAILABLE', size: 2048, regionId: 'aws-us-west-2', expireTime: '', createTime: '2024-07-30T16:49:50Z', collections: [{ collectionName: 'medium_articles', description: '', status: 'LOADED' }] } }
const DESCRIBE_DB = { code: 0, data: { ...DESCRIBE_FLAT.data, collections: undefined, expireTime: null, dbCollections: [{ dbName: 'default', collections: [{ collectionName: 'medium_articles', description: '', status: 'UNLOADED' }] }] } }
const PROJECTS = { code: 0, data: [
  { projectId: 'proj-89bf4a83cfe2c8a4f03482', projectName: 'Default Project', instanceCount: 3, createTime: '2024-01-01T00:00:00Z', plan: 'Enterprise' },
  { projectId: 'proj-2', projectName: 'P2', instanceCount: '4', createTime: 1745396115000, plan: 'BusinessCritical', regionIds: ['aws-us-west-2'], orgType: 'SAAS', createTimeMilli: 1745396115000 }
] }
const FREE_AS_SERVERLESS = { code: 0, data: { clusterId: 'in03-fc01449d8a58b23', clusterName: 'free', projectId: 'proj-1', description: '', regionId: 'gcp-us-west1', cuType: '', plan: 'Serverless', status: 'RUNNING', connectAddress: 'https://x', privateLinkAddress: '', cuSize: 0, createTime: 1745396115000 } }
const WITH_OPTION = { code: 0, data: { clusterId: 'in01-6183d6bac30f801', clusterName: 'd', projectId: 'proj-1', regionId: 'aws-us-west-2', cuType: 'Performance-optimized', plan: 'Standard', status: 'RUNNING', cuSize: 1, createTime: '2025-02-09T10:00:00Z', deploymentOption: 'Dedicated', globalClusterMeta: null } }
const JOB = { code: 0, data: { jobId: 'job-03e1eefbd82dmo2oeb8pe2', type: 'BACKUP', status: 'SUCCESSFUL', progress: '100', startTime: '2024-07-30T16:49:50Z', endTime: '2024-07-30T16:50:50Z', reason: '' } }
const JOB_TOP_LEVEL = { code: 0, jobId: 'job-1', type: 'RESTORE', status: 'IN_PROGRESS', progress: '42', startTime: '2024-07-30T16:49:50Z', endTime: null, reason: '' }
const RESTORE_OLD = { code: 0, data: { clusterId: 'in01-new', username: 'db_admin', password: 'pw' } }
const REGIONS = { code: 0, data: [{ cloudId: 'aws', regionId: 'aws-us-west-2', domain: 'api.cloud.zilliz.com', apiBaseUrl: 'https://api.cloud.zilliz.com', supportedClusterTypes: ['free', 'serverless', 'dedicated'] }, { cloudId: 'ali', regionId: 'ali-cn-hangzhou', domain: 'api.cloud.zilliz.com.cn' }] }

describe('every documented variant parses', () => {
  it('reads both crossRegionCopies and crossRegionPolicies, and normalizes a disabled policy', async () => {
    const client = await fixtureClient({
      'GET /v2/clusters/inxx-xxxxxxxxxxxxxxx/backups/policy': POLICY_REF,
      'GET /v2/clusters/in01-a/backups/policy': POLICY_JA,
      'GET /v2/clusters/in01-b/backups/policy': POLICY_COPIES,
      'GET /v2/clusters/in01-c/backups/policy': POLICY_DISABLED
    })
    expect(await client.getPolicy('inxx-xxxxxxxxxxxxxxx')).toEqual({ clusterId: 'inxx-xxxxxxxxxxxxxxx', status: 'ENABLED', policy: { enabled: true, frequency: '1,2,3,5', startTime: '02:00-04:00', retentionDays: 7 } })
    expect((await client.getPolicy('in01-a')).policy.crossRegionCopies).toEqual([{ regionId: 'aws-us-west-2', retentionDays: 7 }])
    expect((await client.getPolicy('in01-b')).policy.crossRegionCopies).toEqual([{ regionId: 'ali-cn-hangzhou', retentionDays: 5 }])
    expect(await client.getPolicy('in01-c')).toEqual({ clusterId: 'in01-c', status: 'DISABLED', policy: { enabled: false, frequency: '', startTime: '', retentionDays: 0 } })
  })

  it('reads collections and dbCollections on describe backup; empty or null expireTime is null', async () => {
    const client = await fixtureClient({ 'GET /v2/clusters/in01-a/backups/flat': DESCRIBE_FLAT, 'GET /v2/clusters/in01-a/backups/db': DESCRIBE_DB })
    const flat = await client.describeBackup('in01-a', 'flat')
    expect(flat).toMatchObject({ expireTime: null, createTime: '2024-07-30T16:49:50.000Z', regionId: 'aws-us-west-2', collections: [{ dbName: null, collectionName: 'medium_articles', status: 'LOADED' }] })
    const db = await client.describeBackup('in01-a', 'db')
    expect(db.collections).toEqual([{ dbName: 'default', collectionName: 'medium_articles', status: 'UNLOADED' }])
  })

  it('reads instanceCount as int or string, epoch-ms createTime, and extra project fields', async () => {
    const client = await fixtureClient({ 'GET /v2/projects': PROJECTS })
    expect(await client.listProjects()).toEqual([
      { projectId: 'proj-89bf4a83cfe2c8a4f03482', projectName: 'Default Project', plan: 'Enterprise' },
      { projectId: 'proj-2', projectName: 'P2', plan: 'BusinessCritical' }
    ])
  })

  it('treats an in03- cluster reported as Serverless as Free, and honours deploymentOption', async () => {
    const client = await fixtureClient({ 'GET /v2/clusters/in03-fc01449d8a58b23': FREE_AS_SERVERLESS, 'GET /v2/clusters/in01-6183d6bac30f801': WITH_OPTION })
    expect(await client.describeCluster('in03-fc01449d8a58b23')).toMatchObject({ plan: 'Free', deployment: 'Free', cuSize: 0, cuType: '', createTime: '2025-04-23T08:15:15.000Z' })
    expect(await client.describeCluster('in01-6183d6bac30f801')).toMatchObject({ deployment: 'Dedicated', plan: 'Standard' })
  })

  it('reads a job wrapped in data or at top level, progress string → number', async () => {
    const client = await fixtureClient({ 'GET /v2/jobs/job-03e1eefbd82dmo2oeb8pe2': JOB, 'GET /v2/jobs/job-1': JOB_TOP_LEVEL })
    expect(await client.describeJob('job-03e1eefbd82dmo2oeb8pe2')).toEqual({ jobId: 'job-03e1eefbd82dmo2oeb8pe2', type: 'BACKUP', status: 'SUCCESSFUL', progress: 100, startTime: '2024-07-30T16:49:50.000Z', endTime: '2024-07-30T16:50:50.000Z', reason: '' })
    expect(await client.describeJob('job-1')).toMatchObject({ progress: 42, endTime: null, status: 'IN_PROGRESS' })
  })

  it('create backup, restore (old form without jobId), regions', async () => {
    const client = await fixtureClient({
      'POST /v2/clusters/in01-a/backups/create': CREATE,
      'POST /v2/clusters/in01-a/backups/b1/restoreCluster': RESTORE_OLD,
      'GET /v2/regions': REGIONS
    })
    expect(await client.createBackup('in01-a', { backupType: 'CLUSTER' })).toEqual(CREATE.data)
    expect(await client.restoreCluster('in01-a', 'b1', { projectId: 'proj-1', clusterName: 'restored', cuSize: 2, collectionStatus: 'KEEP' })).toEqual({ ...RESTORE_OLD.data, jobId: null })
    const regions = await client.listRegions('aws')
    expect(regions[1]).toEqual({ cloudId: 'ali', regionId: 'ali-cn-hangzhou', domain: 'api.cloud.zilliz.com.cn', apiBaseUrl: null, supportedClusterTypes: [] })
    expect(server?.requests.at(-1)?.url).toBe('/v2/regions?cloudId=aws')
  })
})

describe('request bodies', () => {
  it('setPolicy sends exactly the API fields; other POSTs send their documented bodies', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, ok({ clusterId: 'in01-a', status: 'ENABLED', jobId: 'job-1', backupId: 'b', backupName: 'n' })))
    const client = createZillizClient({ baseUrl: server.url, apiKey: API_KEY })
    const policy = { enabled: true, frequency: '1,3', startTime: '02:00-04:00', retentionDays: 7, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 3 }], draftId: 'not-for-the-api' }
    expect(await client.setPolicy('in01-a', policy)).toEqual({ clusterId: 'in01-a', status: 'ENABLED' })
    await client.restoreCollection('in01-a', 'b1', { destClusterId: 'in01-b', dbCollections: [{ dbName: 'default', destDbName: 'default', collections: [{ collectionName: 'c', targetCollectionName: 'c2', targetCollectionStatus: 'LOADED' }] }] })
    await client.exportBackup('in01-a', 'b1', { integrationId: 'integ-1', directory: 'dest/' })
    await client.deleteBackup('in01-a', 'b1')
    const [set, restore, exp, del] = server.requests
    expect(JSON.parse(set!.body)).toEqual({ enabled: true, frequency: '1,3', startTime: '02:00-04:00', retentionDays: 7, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 3 }] })
    expect(set!.url).toBe('/v2/clusters/in01-a/backups/policy')
    expect(JSON.parse(restore!.body)).toMatchObject({ destClusterId: 'in01-b' })
    expect(restore!.url).toBe('/v2/clusters/in01-a/backups/b1/restoreCollection')
    expect(JSON.parse(exp!.body)).toEqual({ integrationId: 'integ-1', directory: 'dest/' })
    expect(del).toMatchObject({ method: 'DELETE', url: '/v2/clusters/in01-a/backups/b1', body: '' })
  })
})

describe('createTime formats', () => {
  // Epoch values are milliseconds from 2001 on (13 digits); shorter numbers are read as epoch seconds.
  it('ISO 8601 and epoch-ms parse to the same instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000_000, max: 4_102_444_800_000 }), (ms) => {
        const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, ms % 1000 === 0 ? 'Z' : `.${String(ms % 1000).padStart(3, '0')}Z`)
        expect(timeSchema.parse(iso)).toBe(timeSchema.parse(ms))
        expect(timeSchema.parse(String(ms))).toBe(new Date(ms).toISOString())
      }),
      { seed: 20260301, numRuns: 500 }
    )
  })

  it('rejects unreadable times', () => {
    expect(timeSchema.safeParse('yesterday').success).toBe(false)
    expect(timeSchema.parse('')).toBeNull()
  })
})
