import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BackupPolicy } from '#contract/models/policy'
import type { RunningEmulator } from '#emulator/index'
import { clusterNamed, connect, countOf, startSyncedDemo, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'
import type { TestCore } from '../../fakes/test-core.ts'

const SET_POLICY = 'POST /v2/clusters/{clusterId}/backups/policy'
let emulator: RunningEmulator
let core: TestCore
let connectionId: string

beforeEach(async () => {
  ;({ emulator, core, connectionId } = await startSyncedDemo())
})

afterEach(() => stopSyncedDemo({ emulator, core }))

async function draftOnOrdersProd(): Promise<{ clusterId: string; draftId: string; policy: BackupPolicy }> {
  const cluster = await clusterNamed(core, 'orders-prod')
  if (cluster.policy === null) throw new Error('the demo seed has no orders-prod policy')
  const policy = { ...cluster.policy, retentionDays: 17 }
  const draft = expectOk(await core.invoke('draft/save', { clusterId: cluster.clusterId, policy }))
  return { clusterId: cluster.clusterId, draftId: draft.id, policy }
}

describe('drafts are never orphaned or lost', () => {
  it('a kept draft says plainly that its organization has no connection, and pushing it sends nothing and names no id', async () => {
    const { draftId } = await draftOnOrdersProd()
    expectOk(await core.invoke('connection/remove', { id: connectionId, drafts: 'keep' }))
    const [listed] = expectOk(await core.invoke('draft/list', {}))
    expect(listed).toMatchObject({ id: draftId, orphan: 'organization', state: 'local' })
    const [result] = expectOk(await core.invoke('draft/push', { draftIds: [draftId] }))
    expect(result?.state).toBe('local')
    expect(result?.error).toContain('no connection reaches')
    expect(result?.error).not.toContain(connectionId)
    expect(countOf(emulator, SET_POLICY)).toBe(0)
  })

  it('re-adding a connection to the same organization re-attaches the draft at its first sync, with its own values', async () => {
    const { clusterId, draftId, policy } = await draftOnOrdersProd()
    expectOk(await core.invoke('connection/remove', { id: connectionId, drafts: 'keep' }))
    const again = await connect(core, emulator, 'Emulator again')
    expectOk(await core.invoke('sync/run', { connectionId: again }))
    const drafts = expectOk(await core.invoke('draft/list', { connectionId: again, clusterId }))
    expect(drafts).toEqual([expect.objectContaining({ id: draftId, connectionId: again, policy })])
    expect(drafts[0]?.orphan).toBeUndefined()
    const [pushed] = expectOk(await core.invoke('draft/push', { draftIds: [draftId] }))
    expect(pushed?.state).toBe('synced')
    expect(emulator.state().policies.find((p) => p.clusterId === clusterId)?.retentionDays).toBe(17)
  })

  it('a draft whose cluster was deleted in the console says so after the next sync', async () => {
    const { clusterId, draftId } = await draftOnOrdersProd()
    const dropped = await fetch(`${emulator.url}/_emulator/clusters/${clusterId}`, { method: 'DELETE' })
    expect(dropped.ok).toBe(true)
    expectOk(await core.invoke('sync/run', {}))
    const [listed] = expectOk(await core.invoke('draft/list', {}))
    expect(listed).toMatchObject({ id: draftId, orphan: 'cluster' })
    const [result] = expectOk(await core.invoke('draft/push', { draftIds: [draftId] }))
    expect(result?.error).toContain('no longer exists')
  })
})
