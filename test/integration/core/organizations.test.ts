import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate } from '#core/store/migrate'
import { MIGRATIONS } from '#core/store/migrations/index'
import { createNotificationLedger } from '#core/store/notifications.repo'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { connect, DEMO_START, FAST_LIMITS, startDemoEmulator } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

let demo: RunningEmulator
let other: RunningEmulator
let core: TestCore
let demoId: string
let otherId: string

beforeEach(async () => {
  demo = await startDemoEmulator()
  other = await startEmulator({ seed: 'large:3:1', clockMode: 'manual', startTime: DEMO_START, rateLimit: 1000 })
  core = createTestCore({ limits: FAST_LIMITS })
  demoId = await connect(core, demo, 'Demo org')
  otherId = await connect(core, other, 'Other org')
  expectOk(await core.invoke('connection/set-tag', { id: otherId, tag: { label: 'prod', color: 'red' } }))
  expectOk(await core.invoke('sync/run', { connectionId: demoId }))
  expectOk(await core.invoke('sync/run', { connectionId: otherId }))
})

afterEach(async () => {
  await core.close()
  await demo.close()
  await other.close()
})

async function clusterOf(connectionId: string): Promise<{ clusterId: string; clusterName: string }> {
  const cluster = expectOk(await core.invoke('cluster/list', { connectionId })).find((c) => c.policy !== null)
  if (cluster === undefined) throw new Error('the seed has no cluster with a policy')
  return cluster
}

describe('every draft, notice and expected window names its organization', () => {
  it('notification/list names each notice\'s cluster and organization by its connection (with the tag), and a digest none', async () => {
    const mine = await clusterOf(demoId)
    const theirs = await clusterOf(otherId)
    const notice = { kind: 'missed' as const, slotMs: Date.UTC(2025, 5, 9), title: 'Missed', body: 'b', severity: 'critical' as const }
    createNotificationLedger(core.db).record(
      [
        { ...notice, connectionId: demoId, clusterId: mine.clusterId },
        { ...notice, connectionId: otherId, clusterId: theirs.clusterId },
        { ...notice, kind: 'digest', connectionId: null, clusterId: '*', severity: 'info' }
      ],
      Date.now()
    )
    const listed = expectOk(await core.invoke('notification/list', {}))
    const byCluster = new Map(listed.map((n) => [n.clusterId, n.organization]))
    expect(byCluster.get(mine.clusterId)).toEqual({ connectionId: demoId, name: 'Demo org', tag: null })
    expect(byCluster.get(theirs.clusterId)).toEqual({ connectionId: otherId, name: 'Other org', tag: { label: 'prod', color: 'red' } })
    expect(byCluster.get('*')).toBeUndefined()
    expect(listed.find((n) => n.clusterId === theirs.clusterId)?.clusterName).toBe(theirs.clusterName)
  })

  it('schedule/upcoming names the organization of every window, from both connections', async () => {
    const windows = expectOk(await core.invoke('schedule/upcoming', { horizonHours: 24 * 7 }))
    const names = new Set(windows.map((w) => w.organization?.name))
    expect(names).toEqual(new Set(['Demo org', 'Other org']))
    const theirs = await clusterOf(otherId)
    expect(windows.find((w) => w.clusterId === theirs.clusterId)?.organization?.connectionId).toBe(otherId)
  })

  it('a draft names its cluster and organization, and still does once its connection is removed (drafts kept)', async () => {
    const theirs = await clusterOf(otherId)
    const remote = expectOk(await core.invoke('cluster/get', { clusterId: theirs.clusterId, connectionId: otherId })).policy
    if (remote === null) throw new Error('no policy')
    const saved = expectOk(await core.invoke('draft/save', { clusterId: theirs.clusterId, policy: { ...remote, retentionDays: 9 } }))
    expect(saved).toMatchObject({ clusterName: theirs.clusterName, organizationName: 'Other org', organization: { connectionId: otherId, name: 'Other org' } })

    expectOk(await core.invoke('connection/remove', { id: otherId, drafts: 'keep' }))
    const [kept] = expectOk(await core.invoke('draft/list', {}))
    expect(kept).toMatchObject({ id: saved.id, clusterName: theirs.clusterName, organizationName: 'Other org', orphan: 'organization' })
    expect(kept?.organization).toBeUndefined()
  })
})

describe('schema 8 backfills the names of drafts saved before it', () => {
  it('a draft stored at schema 7 reads its cluster and organization names from the mirror after the upgrade', () => {
    const sqlite = new Database(join(core.dataDir, 'old.db'))
    migrate(sqlite, MIGRATIONS.slice(0, 7))
    sqlite.exec(`INSERT INTO connections (id, name, base_url, created_at) VALUES ('c1', 'Old org', 'https://x', 1);
      INSERT INTO clusters (connection_id, cluster_id, cluster_name, project_id, region_id, plan, deployment, cu_type, cu_size, status)
        VALUES ('c1', 'in-1', 'orders-old', 'p', 'r', 'Enterprise', 'Dedicated', 'Performance-optimized', 1, 'RUNNING');
      INSERT INTO drafts (id, connection_id, cluster_id, policy, state, created_at, updated_at) VALUES ('d1', 'c1', 'in-1', '{}', 'local', 1, 1);
      INSERT INTO drafts (id, connection_id, cluster_id, policy, state, created_at, updated_at) VALUES ('d2', 'gone', 'in-9', '{}', 'local', 1, 1);`)
    migrate(sqlite, MIGRATIONS)
    const rows = sqlite.prepare('SELECT id, cluster_name, organization_name FROM drafts ORDER BY id').all()
    sqlite.close()
    expect(rows).toEqual([
      { id: 'd1', cluster_name: 'orders-old', organization_name: 'Old org' },
      { id: 'd2', cluster_name: null, organization_name: null }
    ])
  })
})
