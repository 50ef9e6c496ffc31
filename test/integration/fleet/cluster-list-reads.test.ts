import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clusterSummarySchema, fleetRowSchema, type ClusterSummary } from '#contract/commands/cluster'
import type { Cluster } from '#contract/models/cluster'
import type { BackupPolicy } from '#contract/models/policy'
import { ManualClock } from '#core/lib/clock'
import { addConnection } from '#core/store/connections.repo'
import { replaceBackups, replaceClusters, replacePolicies } from '#core/store/mirror.repo'
import { assignTemplate, saveTemplate } from '#core/store/templates.repo'
import { expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

const HOUR = 3_600_000
/** Wednesday 11 June 2025, 12:00 UTC. */
const NOW = Date.UTC(2025, 5, 11, 12, 0)
const DAILY: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }
const WEEKLY: BackupPolicy = { ...DAILY, frequency: '1', retentionDays: 30 }
/** The statements that list a connection's clusters and its mirrored policies (core/store/cache.query.ts). */
const LIST_CLUSTERS = /^SELECT \* FROM clusters WHERE/
const LIST_POLICIES = /^SELECT cluster_id, policy, read_at FROM policies WHERE \(@connectionId/

let core: TestCore

function cluster(i: number, deployment: Cluster['deployment'] = 'Dedicated'): Cluster {
  return { clusterId: `c-${i}`, clusterName: `cluster ${i}`, projectId: 'proj-a', connectionId: 'org-a', regionId: 'aws-us-east-1',
    plan: 'Enterprise', deployment, cuType: 'Performance-optimized', cuSize: 1, status: 'RUNNING', createTime: null }
}

beforeEach(async () => {
  core = createTestCore({ clock: new ManualClock(NOW), timings: { syncOnStart: false, syncIntervalMs: 0, jobPollMs: 60_000 } })
  const { db } = core
  addConnection(db, { id: 'org-a', name: 'Org A', baseUrl: 'https://a.test' }, NOW - 30 * 24 * HOUR)
  replaceClusters(db, 'org-a', [cluster(1), cluster(2), cluster(3), cluster(4, 'Serverless')])
  const readAt = new Date(NOW - HOUR).toISOString()
  replacePolicies(db, 'org-a', [{ clusterId: 'c-1', policy: DAILY, readAt }, { clusterId: 'c-2', policy: WEEKLY, readAt }])
  replaceBackups(db, 'org-a', [{ backupId: 'b-1', backupName: 'b 1', clusterId: 'c-1', clusterName: 'cluster 1', projectId: 'proj-a',
    connectionId: 'org-a', backupType: 'CLUSTER', creationMethod: 'AUTO', status: 'AVAILABLE', size: 10,
    createTime: new Date(NOW - 5 * HOUR).toISOString(), expireTime: new Date(NOW + 7 * 24 * HOUR).toISOString() }])
  const standard = saveTemplate(db, { name: 'Daily standard', policy: DAILY }, NOW - 2 * HOUR)
  assignTemplate(db, standard.id, [{ connectionId: 'org-a', clusterId: 'c-1' }, { connectionId: 'org-a', clusterId: 'c-2' }], NOW - 2 * HOUR)
  await core.start()
})

afterEach(async () => {
  vi.restoreAllMocks()
  await core.close()
})

function pickSummary(status: ClusterSummary | undefined): Partial<ClusterSummary> | undefined {
  if (status === undefined) return undefined
  const { health, healthCause, healthReason, template, protection, policy, nextWindow, newestBackup } = status
  return { health, healthCause, healthReason, template, protection, policy, nextWindow, newestBackup }
}

describe('cluster/list reads the cache once (core/fleet/cluster-summaries.ts)', () => {
  it('lists the clusters and the mirrored policies one time each for the whole answer after a write, and not again until the next', async () => {
    replaceBackups(core.db, 'org-a', [])
    const prepare = vi.spyOn(core.db, 'prepare')
    const listings = (): { clusters: number; policies: number } => {
      const statements = prepare.mock.calls.map(([sql]) => sql.trim())
      prepare.mockClear()
      return { clusters: statements.filter((sql) => LIST_CLUSTERS.test(sql)).length, policies: statements.filter((sql) => LIST_POLICIES.test(sql)).length }
    }
    expect(expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' }))).toHaveLength(4)
    expect(listings()).toEqual({ clusters: 1, policies: 1 })
    expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' }))
    expect(listings()).toEqual({ clusters: 0, policies: 0 })
  })

  it('reads the backups and their history through indexes alone: no statement walks the table looking rows up', async () => {
    const prepare = vi.spyOn(core.db, 'prepare')
    expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' }))
    const backupReads = [...new Set(prepare.mock.calls.map(([sql]) => sql))].filter((sql) => /\b(observed_)?backups\b/.test(sql))
    expect(backupReads.length).toBeGreaterThan(3)
    for (const sql of backupReads) {
      const params = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map(([, name = '']) => [name, null]))
      const plan = (core.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail)
      // A SCAN of a backups table is allowed only over a covering index; a SEARCH is an index seek.
      expect(plan.filter((step) => /^SCAN (\w+ )?(backups|observed_backups|b|o|x)\b/.test(step) && !step.includes('COVERING INDEX')), sql).toEqual([])
    }
  })

  it('gives each cluster on cluster/get and cluster/status the same health, template drift and protection as its Fleet row', async () => {
    const rows = expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' }))
    const statuses = new Map(expectOk(await core.invoke('cluster/status', { connectionId: 'org-a' })).map((s) => [s.clusterId, s]))
    for (const row of rows) {
      const detail = expectOk(await core.invoke('cluster/get', { clusterId: row.clusterId, connectionId: 'org-a' }))
      const { health, healthCause, healthReason, template, protection, policy, nextWindow, newestBackup } = detail
      expect({ health, healthCause, healthReason, template, protection, policy, nextWindow, newestBackup }, row.clusterId).toEqual(
        pickSummary(statuses.get(row.clusterId))
      )
      const { newestGood: _newestGood, oldestRestorable: _oldest, ...rowProtection } = protection
      const shown = { health: row.health, healthReason: row.healthReason, template: row.template, protection: row.protection, policy: row.policy, newestBackup: row.newestBackup }
      expect(shown, row.clusterId).toEqual({ health, healthReason, template, protection: rowProtection, policy, newestBackup })
      expect(row.nextWindow, row.clusterId).toEqual(nextWindow === null ? null : { start: nextWindow.start })
    }
    const byId = new Map(rows.map((r) => [r.clusterId, r]))
    // The weekly cluster departs from its daily template; the daily one does not; the policy-less one has none.
    expect(byId.get('c-1')?.template).toMatchObject({ name: 'Daily standard', drift: [] })
    expect(byId.get('c-2')?.template?.drift.length).toBeGreaterThan(0)
    expect(byId.get('c-3')?.template).toBeNull()
    expect(byId.get('c-1')?.health).toBe('ok')
    expect(statuses.get('c-4')?.healthCause).toBe('not-eligible')
  })

  it('carries on each Fleet row only what the row draws: every row parses with the strict row schema, and is smaller than its status', async () => {
    const rows = expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' }))
    const statuses = expectOk(await core.invoke('cluster/status', { connectionId: 'org-a' }))
    for (const row of rows) expect(fleetRowSchema.safeParse(row).success, row.clusterId).toBe(true)
    for (const status of statuses) expect(clusterSummarySchema.safeParse(status).success, status.clusterId).toBe(true)
    expect(rows.map((r) => r.clusterId)).toEqual(statuses.map((s) => s.clusterId))
    expect(JSON.stringify(rows).length).toBeLessThan(0.9 * JSON.stringify(statuses).length)
  })
})
