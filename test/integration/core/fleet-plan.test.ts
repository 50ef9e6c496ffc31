import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PlanChange } from '#contract/models/plan'
import type { BackupPolicy } from '#contract/models/policy'
import { OPEN_DRAFT_REASON } from '#core/plan/plan-items'
import type { RunningEmulator } from '#emulator/index'
import { countOf, startSyncedDemo, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import type { TestCore } from '../../fakes/test-core.ts'

const DAILY_21: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 21 }
const POLICY_POST = 'POST /v2/clusters/{clusterId}/backups/policy'

let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  ;({ emulator, core } = await startSyncedDemo({ jobDurationMs: 30_000 }))
  // The emulator's rate limit counts on its manual clock: a fresh window for the test's own requests.
  emulator.advance(2_000)
})

afterEach(() => stopSyncedDemo({ emulator, core }))

/** The emulator's rate limit counts on its own (frozen) clock: move it past the window before the next burst. */
async function syncLater(): Promise<void> {
  emulator.advance(2_000)
  expectOk(await core.invoke('sync/run', {}))
}

async function clusterIdsByName(): Promise<Record<string, string>> {
  const clusters = expectOk(await core.invoke('cluster/list', {}))
  return Object.fromEntries(clusters.map((c) => [c.clusterName, c.clusterId]))
}

/** A colleague changes the policy in the Zilliz console: a direct API call, not through Backup Desk. */
async function consoleSetPolicy(clusterId: string, policy: BackupPolicy): Promise<void> {
  const response = await fetch(`${emulator.url}/v2/clusters/${clusterId}/backups/policy`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(policy)
  })
  expect(((await response.json()) as { code: number }).code).toBe(0)
}

function remotePolicy(clusterId: string): unknown {
  return emulator.state().policies.find((p) => p.clusterId === clusterId)
}

describe('a template assigned to a mixed selection', () => {
  it('plans a change per Dedicated cluster, skips Free and Serverless with the reason, and sends nothing', async () => {
    const ids = await clusterIdsByName()
    const template = expectOk(await core.invoke('template/save', { name: 'prod-daily', policy: DAILY_21 }))
    const postsBefore = countOf(emulator, POLICY_POST)
    const plan = expectOk(await core.invoke('template/assign', { templateId: template.id, clusterIds: Object.values(ids) }))
    const verdicts = Object.fromEntries(plan.items.map((i) => [i.clusterName, i.verdict]))
    expect(verdicts).toEqual({
      'orders-prod': 'change', 'search-prod': 'change', 'catalog-staging': 'change', 'analytics-staging': 'change',
      'ml-features': 'change', 'events-serverless': 'skip', 'sandbox-free': 'skip'
    })
    expect(plan.items.find((i) => i.clusterName === 'sandbox-free')?.reason).toContain('Free clusters cannot be backed up')
    expect(plan.items.find((i) => i.clusterName === 'events-serverless')?.reason).toContain('Serverless')
    // analytics-staging's policy is disabled: enabling it starts a backup at once.
    expect(plan.startsBackups).toBe(1)
    expect(countOf(emulator, POLICY_POST)).toBe(postsBefore)
    const listed = expectOk(await core.invoke('template/list', {}))
    expect(listed[0]?.assigned.map((a) => a.clusterName)).toEqual(['analytics-staging', 'catalog-staging', 'ml-features', 'orders-prod', 'search-prod'])
    expect(listed[0]?.drifted).toBe(5)
  })

  it('applies every change, records the template name in the history, and leaves no drift', async () => {
    const ids = await clusterIdsByName()
    const template = expectOk(await core.invoke('template/save', { name: 'prod-daily', policy: DAILY_21 }))
    const plan = expectOk(await core.invoke('template/assign', { templateId: template.id, clusterIds: Object.values(ids) }))
    const results = expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'now' }))
    const states = Object.fromEntries(results.map((r) => [r.clusterId, r.state]))
    expect(states[ids['orders-prod'] ?? '']).toBe('applied')
    expect(states[ids['sandbox-free'] ?? '']).toBe('skipped')
    expect(results.filter((r) => r.state === 'applied')).toHaveLength(5)
    expect(remotePolicy(ids['search-prod'] ?? '')).toMatchObject({ frequency: '1,2,3,4,5,6,7', retentionDays: 21 })
    const history = expectOk(await core.invoke('policy/history', { clusterId: ids['search-prod'] ?? '' }))
    expect(history[0]).toMatchObject({ source: 'local-push', templateName: 'prod-daily', after: { retentionDays: 21 } })
    const clusters = expectOk(await core.invoke('cluster/list', {}))
    expect(clusters.find((c) => c.clusterName === 'orders-prod')?.template).toEqual({ id: template.id, name: 'prod-daily', drift: [] })
    expect(clusters.find((c) => c.clusterName === 'sandbox-free')?.template).toBeNull()
  })
})

describe('applying a plan', () => {
  it('turns a console-side change made between plan and apply into a conflict and never overwrites it', async () => {
    const ids = await clusterIdsByName()
    const search = ids['search-prod'] ?? ''
    const plan = expectOk(await core.invoke('plan/create', { clusterIds: [search, ids['orders-prod'] ?? ''], change: { kind: 'fields', retentionDays: 21 } }))
    const colleague: BackupPolicy = { enabled: true, frequency: '1,3,5', startTime: '22:00-00:00', retentionDays: 9 }
    await consoleSetPolicy(search, colleague)
    const results = expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'now' }))
    expect(results.find((r) => r.clusterId === search)).toMatchObject({ state: 'conflict' })
    expect(results.find((r) => r.clusterId === ids['orders-prod'])).toMatchObject({ state: 'applied' })
    expect(remotePolicy(search)).toMatchObject({ retentionDays: 9 })
  })

  it('does not merge a console change to a field the plan leaves alone: the reviewed plan is not what would be sent', async () => {
    const ids = await clusterIdsByName()
    const search = ids['search-prod'] ?? ''
    const plan = expectOk(await core.invoke('plan/create', { clusterIds: [search], change: { kind: 'fields', retentionDays: 21 } }))
    await consoleSetPolicy(search, { enabled: true, frequency: '1,3,5', startTime: '20:00-22:00', retentionDays: 14 })
    expect(expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'now' }))[0]).toMatchObject({ state: 'conflict' })
    expect(remotePolicy(search)).toMatchObject({ startTime: '20:00-22:00', retentionDays: 14 })
  })

  it('reports a failed item with the API reason and applies it on retry, without sending the others again', async () => {
    const ids = await clusterIdsByName()
    const catalog = ids['catalog-staging'] ?? ''
    const plan = expectOk(await core.invoke('plan/create', { clusterIds: [catalog, ids['ml-features'] ?? ''], change: { kind: 'fields', addDays: [7] } }))
    emulator.injectFault({ path: `/v2/clusters/${catalog}/backups/policy`, method: 'POST', kind: 'business-error', code: 96034, message: 'Quota exceeded for backups.' })
    const first = expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'now' }))
    const failed = first.find((r) => r.clusterId === catalog)
    expect(failed?.state).toBe('failed')
    expect(failed?.error).toContain('Quota exceeded')
    const postsBefore = countOf(emulator, POLICY_POST)
    const retry = expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'now', clusterIds: [catalog] }))
    expect(retry).toEqual([expect.objectContaining({ clusterId: catalog, state: 'applied' })])
    expect(countOf(emulator, POLICY_POST)).toBe(postsBefore + 1)
    expect(remotePolicy(catalog)).toMatchObject({ frequency: '1,2,3,4,5,7' })
  })

  it('saved as drafts while offline, it waits queued and is pushed after the next successful sync', async () => {
    const ids = await clusterIdsByName()
    const features = ids['ml-features'] ?? ''
    const plan = expectOk(await core.invoke('plan/create', { clusterIds: [features], change: { kind: 'fields', retentionDays: 14 } }))
    emulator.injectFault({ path: '/v2', kind: 'drop-before', times: 1000 })
    const results = expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'drafts' }))
    expect(results).toEqual([expect.objectContaining({ clusterId: features, state: 'queued' })])
    expect(expectOk(await core.invoke('draft/list', {})).map((d) => d.state)).toEqual(['queued'])
    expectError(await core.invoke('sync/run', {}))
    expect(remotePolicy(features)).toMatchObject({ retentionDays: 30 })
    emulator.clearFaults()
    expectOk(await core.invoke('sync/run', {}))
    expect(remotePolicy(features)).toMatchObject({ retentionDays: 14 })
    expect(expectOk(await core.invoke('draft/list', {})).map((d) => d.state)).toEqual(['synced'])
  })

  it('skips a cluster with an open draft, and Azure clusters for cross-region copies', async () => {
    const azure = emulator.createCluster({ clusterName: 'azure-one', regionId: 'az-eastus' })
    expectOk(await core.invoke('sync/run', {}))
    const ids = await clusterIdsByName()
    const orders = ids['orders-prod'] ?? ''
    expectOk(await core.invoke('draft/save', { clusterId: ids['search-prod'] ?? '', policy: DAILY_21 }))
    const change: PlanChange = { kind: 'fields', enabled: true, frequency: '1', startTime: '01:00-03:00', retentionDays: 5, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 3 }] }
    const plan = expectOk(await core.invoke('plan/create', { clusterIds: [azure.clusterId, ids['search-prod'] ?? '', orders], change }))
    expect(plan.items.map((i) => [i.clusterName, i.verdict, i.reason])).toEqual([
      ['azure-one', 'skip', 'Cross-region copies are not available on Azure.'],
      ['search-prod', 'skip', OPEN_DRAFT_REASON],
      ['orders-prod', 'change', undefined]
    ])
  })
})

describe('bad input', () => {
  it('names the field and stores nothing', async () => {
    const ids = await clusterIdsByName()
    const orders = ids['orders-prod'] ?? ''
    expect(expectError(await core.invoke('plan/create', { clusterIds: [], change: { kind: 'fields', retentionDays: 3 } }))).toMatchObject({ code: 'input/invalid' })
    const unknown = expectError(await core.invoke('template/assign', { templateId: 'no-such-template', clusterIds: [orders] }))
    expect(unknown).toMatchObject({ code: 'input/invalid', details: { field: 'templateId' } })
    expect(unknown.message).not.toContain('no-such-template')
    const invalid = expectError(await core.invoke('template/save', { name: 'weird', policy: { ...DAILY_21, retentionDays: 5000 } }))
    expect(invalid.code).toBe('input/invalid')
    expect(expectOk(await core.invoke('template/list', {}))).toEqual([])
    expect(core.db.sqlite.prepare('SELECT COUNT(*) AS n FROM template_assignments').get()).toEqual({ n: 0 })
  })

  it('plans an out-of-range field as invalid with the field and reason, and applying it sends nothing', async () => {
    const ids = await clusterIdsByName()
    const plan = expectOk(await core.invoke('plan/create', { clusterIds: [ids['orders-prod'] ?? ''], change: { kind: 'fields', retentionDays: 45 } }))
    expect(plan.items[0]).toMatchObject({ verdict: 'invalid', field: 'retentionDays', reason: 'Retention must be between 1 and 30 days.' })
    const postsBefore = countOf(emulator, POLICY_POST)
    expect(expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'now' }))[0]?.state).toBe('skipped')
    expect(countOf(emulator, POLICY_POST)).toBe(postsBefore)
  })
})

describe('drift', () => {
  it('shows a console-side departure from the template after sync, notifies once per remote version, and is brought back through a plan', async () => {
    const ids = await clusterIdsByName()
    const orders = ids['orders-prod'] ?? ''
    await core.start()
    const template = expectOk(await core.invoke('template/save', { name: 'prod-daily', policy: DAILY_21 }))
    const plan = expectOk(await core.invoke('template/assign', { templateId: template.id, clusterIds: [orders] }))
    expectOk(await core.invoke('plan/apply', { planId: plan.id, mode: 'now' }))
    await syncLater()
    expect(expectOk(await core.invoke('notification/list', {})).filter((n) => n.kind === 'drift')).toEqual([])

    await consoleSetPolicy(orders, { ...DAILY_21, frequency: '1,2,3,4,5,6', retentionDays: 7 })
    await syncLater()
    const drifted = expectOk(await core.invoke('cluster/list', {})).find((c) => c.clusterId === orders)
    expect(drifted?.template).toEqual({ id: template.id, name: 'prod-daily', drift: ['frequency', 'retentionDays'] })
    await syncLater()
    const notices = expectOk(await core.invoke('notification/list', {})).filter((n) => n.kind === 'drift')
    expect(notices).toHaveLength(1)
    expect(core.notifier.shown.filter((n) => n.kind === 'drift')).toHaveLength(1)
    expect(notices[0]?.body).toContain('Drifted from prod-daily: Sunday missing, retention 7 ≠ 21')

    const back = expectOk(await core.invoke('plan/create', { clusterIds: [orders], change: { kind: 'template', templateId: template.id } }))
    expect(back.items[0]?.verdict).toBe('change')
    expect(expectOk(await core.invoke('plan/apply', { planId: back.id, mode: 'now' }))[0]?.state).toBe('applied')
    expect(expectOk(await core.invoke('cluster/list', {})).find((c) => c.clusterId === orders)?.template?.drift).toEqual([])
  })
})
