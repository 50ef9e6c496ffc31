import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BackupPolicy } from '#contract/models/policy'
import type { RunningEmulator } from '#emulator/index'
import { clusterNamed, countOf, startSyncedDemo, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import type { TestCore } from '../../fakes/test-core.ts'

const GET_POLICY = 'GET /v2/clusters/{clusterId}/backups/policy'
const SET_POLICY = 'POST /v2/clusters/{clusterId}/backups/policy'
let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  ;({ emulator, core } = await startSyncedDemo())
})

afterEach(() => stopSyncedDemo({ emulator, core }))

async function enabledCluster(name = 'orders-prod'): Promise<{ clusterId: string; policy: BackupPolicy }> {
  const cluster = await clusterNamed(core, name)
  if (cluster.policy?.enabled !== true) throw new Error(`the demo seed has no enabled ${name}`)
  return { clusterId: cluster.clusterId, policy: cluster.policy }
}

/** A colleague changes the policy in the console (the same API, another client). */
async function colleagueSets(clusterId: string, policy: BackupPolicy): Promise<void> {
  const response = await fetch(`${emulator.url}/v2/clusters/${clusterId}/backups/policy`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(policy)
  })
  expect(((await response.json()) as { code: number }).code).toBe(0)
}

function remoteOf(clusterId: string): { frequency: string; startTime: string; retentionDays: number } {
  const policy = emulator.state().policies.find((p) => p.clusterId === clusterId)
  if (policy === undefined) throw new Error('no remote policy')
  return { frequency: policy.frequency, startTime: policy.startTime, retentionDays: policy.retentionDays }
}

function requests(): { gets: number; posts: number } {
  return { gets: countOf(emulator, GET_POLICY), posts: countOf(emulator, SET_POLICY) }
}

describe('three-way merge in the draft outbox', () => {
  it('merges a colleague weekday change with my retention change by itself and pushes the merge', async () => {
    const { clusterId, policy } = await enabledCluster()
    const draft = expectOk(await core.invoke('draft/save', { clusterId, policy: { ...policy, retentionDays: 21 } }))
    await colleagueSets(clusterId, { ...policy, frequency: '2,4' })
    const [result] = expectOk(await core.invoke('draft/push', { draftIds: [draft.id] }))
    expect(result).toEqual({ id: draft.id, state: 'synced' })
    expect(remoteOf(clusterId)).toEqual({ frequency: '2,4', startTime: policy.startTime, retentionDays: 21 })
  })

  it('"keep mine" never reverts the weekday change a colleague made to a field the draft did not touch', async () => {
    const { clusterId, policy } = await enabledCluster()
    const draft = expectOk(await core.invoke('draft/save', { clusterId, policy: { ...policy, startTime: '05:00-07:00' } }))
    await colleagueSets(clusterId, { ...policy, frequency: '6,7', startTime: '09:00-11:00' })
    const [pushed] = expectOk(await core.invoke('draft/push', { draftIds: [draft.id] }))
    expect(pushed?.state).toBe('conflict')
    expect(pushed?.error).toContain('window (utc)')
    expect(pushed?.error).not.toContain('weekdays')
    expect(remoteOf(clusterId).startTime).toBe('09:00-11:00')

    const kept = expectOk(await core.invoke('draft/resolve', { id: draft.id, resolution: 'keep-mine' })).draft
    expect(kept?.policy).toMatchObject({ frequency: '6,7', startTime: '05:00-07:00' })
    expectOk(await core.invoke('draft/push', { draftIds: [draft.id] }))
    expect(remoteOf(clusterId)).toEqual({ frequency: '6,7', startTime: '05:00-07:00', retentionDays: policy.retentionDays })
  })

  it('asks only for the fields changed on both sides, and applies a per-field choice', async () => {
    const { clusterId, policy } = await enabledCluster()
    const draft = expectOk(await core.invoke('draft/save', { clusterId, policy: { ...policy, startTime: '05:00-07:00', retentionDays: 25 } }))
    await colleagueSets(clusterId, { ...policy, startTime: '09:00-11:00', frequency: '1' })
    expectOk(await core.invoke('draft/push', { draftIds: [draft.id] }))
    const missing = expectError(await core.invoke('draft/resolve', { id: draft.id, resolution: 'choose', choices: {} }))
    expect(missing).toMatchObject({ code: 'input/invalid', details: { field: 'choices.startTime' } })
    const chosen = expectOk(await core.invoke('draft/resolve', { id: draft.id, resolution: 'choose', choices: { startTime: 'remote' } })).draft
    expect(chosen?.policy).toMatchObject({ frequency: '1', startTime: '09:00-11:00', retentionDays: 25 })
  })
})

describe('editing a draft again after Zilliz Cloud changed', () => {
  it("keeps the draft's base, so Apply now merges a colleague's weekday change instead of writing the draft's old weekdays over it", async () => {
    const { clusterId, policy } = await enabledCluster()
    const draft = expectOk(await core.invoke('draft/save', { clusterId, policy: { ...policy, retentionDays: 21 } }))
    await colleagueSets(clusterId, { ...policy, frequency: '2,4' })
    expectOk(await core.invoke('sync/run', {}))
    // The editor opens on the draft (its weekdays are the old ones) and the admin changes the retention again.
    const applied = expectOk(await core.invoke('policy/apply', { clusterId, policy: { ...draft.policy, retentionDays: 22 } }))
    expect(applied.state).toBe('synced')
    expect(remoteOf(clusterId)).toEqual({ frequency: '2,4', startTime: policy.startTime, retentionDays: 22 })
  })

  it("reports a conflict, writing nothing, when the admin's Apply now and a colleague changed the same field", async () => {
    const { clusterId, policy } = await enabledCluster()
    expectOk(await core.invoke('draft/save', { clusterId, policy: { ...policy, retentionDays: 10 } }))
    await colleagueSets(clusterId, { ...policy, retentionDays: 14 })
    expectOk(await core.invoke('sync/run', {}))
    const applied = expectOk(await core.invoke('policy/apply', { clusterId, policy: { ...policy, retentionDays: 10 } }))
    expect(applied.state).toBe('conflict')
    expect(remoteOf(clusterId).retentionDays).toBe(14)
  })
})

describe('push cost and bookkeeping', () => {
  it('costs exactly one policy GET and one POST per draft, with no read-back, and records the push in the history', async () => {
    const { clusterId, policy } = await enabledCluster()
    const draft = expectOk(await core.invoke('draft/save', { clusterId, policy: { ...policy, retentionDays: 12 } }))
    const before = requests()
    expectOk(await core.invoke('draft/push', { draftIds: [draft.id] }))
    expect(requests()).toEqual({ gets: before.gets + 1, posts: before.posts + 1 })
    const [entry] = expectOk(await core.invoke('policy/history', { clusterId }))
    expect(entry).toMatchObject({ source: 'local-push', after: { retentionDays: 12 } })
  })

  it('records a push whose answer was lost once the next push finds it applied', async () => {
    const { clusterId, policy } = await enabledCluster()
    const draft = expectOk(await core.invoke('draft/save', { clusterId, policy: { ...policy, retentionDays: 13 } }))
    emulator.injectFault({ pathRegex: '/backups/policy$', method: 'POST', kind: 'drop-after' })
    const [lost] = expectOk(await core.invoke('draft/push', { draftIds: [draft.id] }))
    expect(lost?.state).toBe('queued')
    // The queued draft says why it waits (here: no answer), not only that it does.
    const [waiting] = expectOk(await core.invoke('draft/list', { clusterId }))
    expect(waiting).toMatchObject({ state: 'queued', error: lost?.error })
    expect(waiting?.error).toBeTruthy()
    expect(remoteOf(clusterId).retentionDays).toBe(13)
    const [again] = expectOk(await core.invoke('draft/push', { draftIds: [draft.id] }))
    expect(again?.state).toBe('synced')
    const history = expectOk(await core.invoke('policy/history', { clusterId }))
    expect(history[0]).toMatchObject({ source: 'local-push', before: { retentionDays: policy.retentionDays }, after: { retentionDays: 13 } })
  })

  it('pushes several drafts at once and returns their results in the order asked', async () => {
    const clusters = expectOk(await core.invoke('cluster/list', {})).filter((c) => c.policy?.enabled === true)
    expect(clusters.length).toBeGreaterThanOrEqual(3)
    const ids: string[] = []
    for (const c of clusters) {
      if (c.policy === null) continue
      ids.push(expectOk(await core.invoke('draft/save', { clusterId: c.clusterId, policy: { ...c.policy, retentionDays: 9 } })).id)
    }
    const order = [...ids].reverse()
    const results = expectOk(await core.invoke('draft/push', { draftIds: order }))
    expect(results.map((r) => [r.id, r.state])).toEqual(order.map((id) => [id, 'synced']))
  })
})

describe('draft/save follows the push rules', () => {
  it('refuses an invalid enabled policy with input/invalid naming the field and leaves the stored draft untouched', async () => {
    const { clusterId, policy } = await enabledCluster()
    const saved = expectOk(await core.invoke('draft/save', { clusterId, policy: { ...policy, retentionDays: 8 } }))
    const refused = expectError(await core.invoke('draft/save', { clusterId, policy: { ...policy, startTime: '25:00-27:00' } }))
    expect(refused).toMatchObject({ code: 'input/invalid', details: { field: 'policy.startTime' } })
    expect(refused.message).not.toContain('25:00')
    expect(expectOk(await core.invoke('draft/list', { clusterId }))).toEqual([saved])
  })

  it('accepts a disabled policy with empty values, as the API does', async () => {
    const { clusterId } = await enabledCluster()
    const saved = expectOk(await core.invoke('draft/save', { clusterId, policy: { enabled: false, frequency: '', startTime: '', retentionDays: 0 } }))
    expect(saved.state).toBe('local')
  })
})
