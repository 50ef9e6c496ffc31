import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '#emulator/index'
import type { RunningEmulator } from '#emulator/index'
import { outcomeOf } from '#core/api/api-error'
import { createZillizClient } from '#core/api/zilliz-client'
import type { ZillizClient } from '#core/api/zilliz-client'

let emulator: RunningEmulator
let client: ZillizClient

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'demo', clockMode: 'manual', startTime: Date.parse('2026-03-02T12:00:00Z'), jobDurationMs: 60_000 })
  client = createZillizClient({ baseUrl: emulator.url, apiKey: emulator.apiKey, sleep: () => Promise.resolve() })
})
afterAll(async () => {
  await emulator.close()
})

describe('the client against the emulator', () => {
  it('lists and describes projects, clouds, regions and clusters', async () => {
    const projects = await client.listProjects()
    expect(projects.map((p) => p.projectName).sort()).toEqual(['Production', 'Staging'])
    const first = projects[0]!
    expect(await client.describeProject(first.projectId)).toEqual(first)
    expect((await client.listClouds()).map((c) => c.cloudId)).toContain('aws')
    const regions = await client.listRegions('aws')
    expect(regions.length).toBeGreaterThan(0)
    expect(regions.every((r) => r.cloudId === 'aws')).toBe(true)
    const clusters = await client.listClusters()
    expect(clusters).toHaveLength(7)
    const deployments = Object.fromEntries(clusters.map((c) => [c.clusterName, c.deployment]))
    expect(deployments).toMatchObject({ 'orders-prod': 'Dedicated', 'events-serverless': 'Serverless', 'sandbox-free': 'Free' })
    const orders = clusters.find((c) => c.clusterName === 'orders-prod')!
    expect(await client.describeCluster(orders.clusterId)).toEqual(orders)
  })

  it('reads and writes a policy, creates, lists, describes and deletes a backup, follows the job', async () => {
    const clusters = await client.listClusters()
    const features = clusters.find((c) => c.clusterName === 'ml-features')!
    const reading = await client.getPolicy(features.clusterId)
    expect(reading.status).toBe('ENABLED')
    await client.setPolicy(features.clusterId, { enabled: false, frequency: '', startTime: '', retentionDays: 0 })
    expect((await client.getPolicy(features.clusterId)).policy).toEqual({ enabled: false, frequency: '', startTime: '', retentionDays: 0 })
    await client.setPolicy(features.clusterId, reading.policy)
    expect((await client.getPolicy(features.clusterId)).policy).toMatchObject({ enabled: true, frequency: reading.policy.frequency })

    const search = clusters.find((c) => c.clusterName === 'search-prod')!
    const created = await client.createBackup(search.clusterId, { backupType: 'CLUSTER' })
    expect(await client.describeJob(created.jobId)).toMatchObject({ type: 'BACKUP' })
    emulator.advance(120_000)
    expect(await client.describeJob(created.jobId)).toMatchObject({ status: 'SUCCESSFUL', progress: 100 })
    const detail = await client.describeBackup(search.clusterId, created.backupId)
    expect(detail).toMatchObject({ backupId: created.backupId, status: 'AVAILABLE', creationMethod: 'MANUAL' })

    const all = await client.listAllBackups({ clusterId: search.clusterId })
    expect(all.map((b) => b.backupId)).toContain(created.backupId)
    const page = await client.listBackupsPage({ clusterId: search.clusterId, pageSize: 1 })
    expect(page.count).toBe(all.length)

    const restored = await client.restoreCluster(search.clusterId, created.backupId, { projectId: search.projectId, clusterName: 'search-restored', cuSize: 2, collectionStatus: 'KEEP' })
    expect(restored).toMatchObject({ username: 'db_admin' })
    expect(restored.jobId).not.toBeNull()
    const exported = await client.exportBackup(search.clusterId, created.backupId, { integrationId: 'integ-123' })
    expect(exported.jobId).toMatch(/^job-/)
    const orders = clusters.find((c) => c.clusterName === 'orders-prod')!
    const coll = await client.restoreCollection(search.clusterId, created.backupId, { destClusterId: orders.clusterId })
    expect(coll.jobId).toMatch(/^job-/)

    await client.deleteBackup(search.clusterId, created.backupId)
    expect((await client.listAllBackups({ clusterId: search.clusterId })).map((b) => b.backupId)).not.toContain(created.backupId)
  })

  it('maps the emulator errors: unknown cluster, backups on Free, bad key', async () => {
    await expect(client.getPolicy('in01-000000000000000')).rejects.toMatchObject({ code: 'api/rejected', details: { apiCode: 96018 } })
    const free = (await client.listClusters()).find((c) => c.deployment === 'Free')!
    await expect(client.getPolicy(free.clusterId)).rejects.toMatchObject({ code: 'api/rejected', details: { apiCode: 96021 } })
    const stranger = createZillizClient({ baseUrl: emulator.url, apiKey: 'wrong-key' })
    await expect(stranger.listProjects()).rejects.toMatchObject({ code: 'api/unauthorized' })
  })

  it('reports a create whose connection dropped after it was applied as outcome unknown', async () => {
    const catalog = (await client.listClusters()).find((c) => c.clusterName === 'ml-features')!
    emulator.injectFault({ path: `/v2/clusters/${catalog.clusterId}/backups/create`, kind: 'drop-after' })
    const error = await client.createBackup(catalog.clusterId, { backupType: 'CLUSTER' }).catch((e: unknown) => e)
    expect(outcomeOf(error)).toBe('unknown')
    const manual = await client.listAllBackups({ clusterId: catalog.clusterId, creationMethod: 'MANUAL' })
    expect(manual.some((b) => b.status === 'CREATING')).toBe(true)
  })
})
