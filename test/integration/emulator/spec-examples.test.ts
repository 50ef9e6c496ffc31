import { afterAll, beforeAll, describe, it } from 'vitest'
import { startEmulator } from '../../../src-main/emulator/index.ts'
import type { RunningEmulator } from '../../../src-main/emulator/index.ts'
import { call, MINUTE, MONDAY_NOON, ok } from './helpers.ts'
import * as s from './schemas.ts'

/** Request examples from Zilliz's reference and guides (docs/zilliz-api-notes.md#sources), each answered in the documented shape. */
describe('documented request examples', () => {
  let emu: RunningEmulator
  let cluster: string
  let projectId: string
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty', clockMode: 'manual', startTime: MONDAY_NOON, rateLimit: 10_000 })
    const created = emu.createCluster({ clusterName: 'Dedicated-01', regionId: 'aws-us-west-2' })
    cluster = created.clusterId
    projectId = created.projectId
  })
  afterAll(() => emu.close())

  it('§2.1 set policy (REF enable example, TF all-five-fields form, CN crossRegionCopies) → {clusterId, status}', async () => {
    const path = `/v2/clusters/${cluster}/backups/policy`
    ok(await call(emu, 'POST', path, { frequency: '1,2,3,5', startTime: '02:00-04:00', retentionDays: 7, enabled: true }), s.policySet)
    ok(await call(emu, 'POST', path, { frequency: '1,2,5', startTime: '03:00-05:00', retentionDays: 3, enabled: true, crossRegionCopies: [] }), s.policySet)
    ok(await call(emu, 'POST', path, { enabled: true, frequency: '7', startTime: '02:00-04:00', retentionDays: 7, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 7 }] }), s.policySet)
    ok(await call(emu, 'POST', path, { enabled: false }), s.policySet)
    ok(await call(emu, 'GET', path), s.policyGet)
    emu.advance(2 * MINUTE)
  })

  it('§2.3 create backup: CLUSTER, COLLECTION with and without dbName, with crossRegionCopies', async () => {
    const path = `/v2/clusters/${cluster}/backups/create`
    const bodies = [
      { backupType: 'CLUSTER' },
      { backupType: 'COLLECTION', dbCollections: [{ collectionNames: ['medium_articles'] }] },
      { backupType: 'COLLECTION', dbCollections: [{ dbName: 'default', collectionNames: ['products'] }] },
      { backupType: 'CLUSTER', crossRegionCopies: [{ regionId: 'aws-us-east-1' }] }
    ]
    for (const body of bodies) {
      ok(await call(emu, 'POST', path, body), s.backupCreated)
      emu.advance(2 * MINUTE)
    }
  })

  it('§2.4–§2.6 list (CLI-style lowercase method), describe and delete', async () => {
    const list = ok(await call(emu, 'GET', `/v2/backups?projectId=${projectId}&clusterId=${cluster}&creationMethod=manual&backupType=CLUSTER&pageSize=10&currentPage=1`), s.backupList)
    const first = list.backups[0]!
    ok(await call(emu, 'GET', `/v2/clusters/${cluster}/backups/${first.backupId}`), s.backupDetail)
    ok(await call(emu, 'DELETE', `/v2/clusters/${cluster}/backups/${first.backupId}`), s.backupDeleted)
  })

  it('§2.7–§2.9 restoreCluster (REF and guide bodies), restoreCollection (REF, CLI, old guide), export', async () => {
    const list = ok(await call(emu, 'GET', `/v2/backups?clusterId=${cluster}&backupType=CLUSTER`), s.backupList)
    const base = `/v2/clusters/${cluster}/backups/${list.backups[0]!.backupId}`
    ok(await call(emu, 'POST', `${base}/restoreCluster`, { projectId, clusterName: 'Dedicated-01-backup', cuSize: 1, collectionStatus: 'KEEP' }), s.restoreClusterData)
    ok(await call(emu, 'POST', `${base}/restoreCluster`, { targetProjectId: projectId, clusterName: 'Dedicated-01-copy', cuSize: 2, collectionStatus: 'RELEASE', restoreVersionPolicy: 'LATEST' }), s.restoreClusterData)
    ok(await call(emu, 'POST', `${base}/restoreCollection`, { destClusterId: cluster, dbCollections: [{ dbName: 'default', destDbName: 'default', collections: [{ collectionName: 'medium_articles', targetCollectionName: 'medium_articles_restored', targetCollectionStatus: 'LOADED' }] }] }), s.jobOnly)
    ok(await call(emu, 'POST', `${base}/restoreCollection`, { destClusterId: cluster, dbCollections: [{ dbName: 'default', destDbName: 'default', collections: [{ collectionName: 'products', destCollectionName: 'p2', destCollectionStatus: 'UNLOADED' }] }] }), s.jobOnly)
    ok(await call(emu, 'POST', `${base}/restoreCollection`, { targetProjectId: projectId, targetClusterId: cluster }), s.jobOnly)
    const exported = ok(await call(emu, 'POST', `${base}/export`, { integrationId: 'integ-xxxxx', directory: 'destdir/' }), s.jobOnly)
    ok(await call(emu, 'GET', `/v2/jobs/${exported.jobId}`), s.job)
  })

  it('§4 list and describe clusters, projects, clouds and regions with and without cloudId', async () => {
    ok(await call(emu, 'GET', '/v2/clusters?pageSize=10&currentPage=1'), s.clusterList)
    ok(await call(emu, 'GET', `/v2/clusters/${cluster}`), s.clusterDetail)
    ok(await call(emu, 'GET', '/v2/projects'), s.projects)
    ok(await call(emu, 'GET', `/v2/projects/${projectId}`), s.project)
    ok(await call(emu, 'GET', '/v2/clouds'), s.clouds)
    ok(await call(emu, 'GET', '/v2/regions'), s.regions)
    ok(await call(emu, 'GET', '/v2/regions?cloudId=aws'), s.regions)
  })
})
