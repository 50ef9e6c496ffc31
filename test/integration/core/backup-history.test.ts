import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clearCache } from '#core/store/mirror.repo'
import type { RunningEmulator } from '#emulator/index'
import { startOnLockstepClocks, waitFor } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import type { LockstepClocks } from '../../fakes/lockstep-clocks.ts'
import type { TestCore } from '../../fakes/test-core.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2 March 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 2, 2)

let emulator: RunningEmulator
let clocks: LockstepClocks
let core: TestCore
let clusterId = ''

async function history(from?: string) {
  return expectOk(await core.invoke('backup/history', { clusterId, ...(from === undefined ? {} : { from }) }))
}

beforeEach(async () => {
  ;({ emulator, clocks, core } = await startOnLockstepClocks(MONDAY, { jobDurationMs: HOUR }))
  clusterId = emulator.createCluster({ clusterName: 'orders' }).clusterId
  expectOk(await core.invoke('connection/add', { name: 'Org', baseUrl: emulator.url, apiKey: emulator.apiKey }))
  expectOk(await core.invoke('sync/run', {}))
})

afterEach(async () => {
  await core.close()
  await emulator.close()
})

describe('the local history of backups', () => {
  it('keeps a backup after it expires, after it is deleted, and across a cache rebuild, with its status changes', async () => {
    const manual = expectOk(await core.invoke('backup/create', { clusterId }))
    expectOk(await core.invoke('sync/run', {}))
    expectOk(await core.invoke('policy/apply', { clusterId, policy: { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 1 } }))
    const first = await history()
    const seenCreating = first.items.find((i) => i.backupId === manual.backupId)
    expect(seenCreating).toMatchObject({ status: 'CREATING', creationMethod: 'MANUAL', firstSeenAt: new Date(MONDAY).toISOString() })

    // A day and a half later: the manual backup is done, the Tuesday window made an AUTO backup (1 day retention).
    clocks.set(MONDAY + DAY + 6 * HOUR)
    expectOk(await core.invoke('sync/run', {}))
    const second = await history()
    const manualDone = second.items.find((i) => i.backupId === manual.backupId)
    expect(manualDone?.status).toBe('AVAILABLE')
    expect(manualDone?.firstSeenAt).toBe(new Date(MONDAY).toISOString())
    expect(manualDone?.lastSeenAt).toBe(new Date(MONDAY + DAY + 6 * HOUR).toISOString())
    expect(manualDone?.statusChanges.map((c) => c.status)).toEqual(['AVAILABLE'])
    const auto = second.items.filter((i) => i.creationMethod === 'AUTO')
    expect(auto.length).toBeGreaterThan(0)
    const oldestAuto = auto[0]
    if (oldestAuto === undefined) throw new Error('no AUTO backup')

    // Deleted through the app: at once DELETED in the history, and still so after the next sync.
    expectOk(await core.invoke('backup/delete', { clusterId, backupId: manual.backupId }))
    expect((await history()).items.find((i) => i.backupId === manual.backupId)?.status).toBe('DELETED')

    // Three days on, the first AUTO backup has expired off the API's list: EXPIRED, not forgotten.
    clocks.set(MONDAY + 4 * DAY + 6 * HOUR)
    expectOk(await core.invoke('sync/run', {}))
    await waitFor('the expired backup to leave the list', () => (emulator.state().backups.some((b) => b.backupId === oldestAuto.backupId && b.status === 'AVAILABLE') ? undefined : true))
    const third = await history()
    expect(third.items.find((i) => i.backupId === oldestAuto.backupId)).toMatchObject({ status: 'EXPIRED', firstSeenAt: oldestAuto.firstSeenAt })
    expect(third.items.find((i) => i.backupId === manual.backupId)?.statusChanges.map((c) => c.status)).toEqual(['AVAILABLE', 'DELETED'])

    // The protection figures read the same history: the deleted manual backup still closed a gap.
    const summary = expectOk(await core.invoke('cluster/status', {})).find((c) => c.clusterId === clusterId)
    const listedGood = emulator.state().backups.filter((b) => b.clusterId === clusterId && b.status === 'AVAILABLE')
    expect(summary?.protection.restorablePoints).toBe(listedGood.length)
    expect(summary?.protection.oldestRestorable).toBe(new Date(Math.min(...listedGood.map((b) => b.createTime))).toISOString())
    expect(summary?.protection.rpoMs).not.toBeNull()
    expect(summary?.protection.class).toBe(summary?.health === 'ok' ? 'protected' : summary?.health === 'failing' ? 'unprotected' : 'at-risk')

    // A cache rebuild (as after restoring a database copy) empties the mirror, never the history.
    clearCache(core.db)
    expect(expectOk(await core.invoke('backup/list', {})).total).toBe(0)
    expect(await history()).toEqual(third)
    expectOk(await core.invoke('sync/run', {}))
    const rebuilt = await history()
    expect(rebuilt.items.find((i) => i.backupId === oldestAuto.backupId)?.status).toBe('EXPIRED')
    expect(rebuilt.items.find((i) => i.backupId === manual.backupId)?.status).toBe('DELETED')

    // from filters by creation time.
    const recent = await history(new Date(MONDAY + 2 * DAY).toISOString())
    expect(recent.items.every((i) => Date.parse(i.createTime) >= MONDAY + 2 * DAY)).toBe(true)
    expect(recent.items.length).toBeLessThan(rebuilt.items.length)
  })

  it('prunes backups gone longer than the history retention, never listed ones', async () => {
    expectOk(await core.invoke('policy/apply', { clusterId, policy: { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 1 } }))
    for (let day = 1; day <= 3; day++) {
      clocks.set(MONDAY + day * DAY + 6 * HOUR)
      expectOk(await core.invoke('sync/run', {}))
    }
    const listedNow = (await history()).items.filter((i) => i.status === 'AVAILABLE').map((i) => i.backupId)
    const gone = (await history()).items.filter((i) => i.status === 'EXPIRED').map((i) => i.backupId)
    expect(gone.length).toBeGreaterThan(0)
    expect(expectOk(await core.invoke('protection-settings/update', { historyRetentionDays: 30 })).historyRetentionDays).toBe(30)
    clocks.set(MONDAY + 40 * DAY)
    expectOk(await core.invoke('sync/run', {}))
    const ids = (await history()).items.map((i) => i.backupId)
    for (const id of gone) expect(ids).not.toContain(id)
    // Backups that expired within the last 30 days are still there.
    expect(ids.length).toBeGreaterThan(0)
    expect(listedNow.length).toBeGreaterThan(0)
  })

  it('refuses a bad period and bad settings with input/invalid naming the field, keeping the stored settings', async () => {
    const bad = expectError(await core.invoke('backup/history', { clusterId, from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' }))
    expect(bad.code).toBe('input/invalid')
    expect(bad.message).toContain('to')
    expect(expectError(await core.invoke('backup/history', { clusterId, from: 'yesterday' })).code).toBe('input/invalid')
    const refused = expectError(await core.invoke('protection-settings/update', { historyRetentionDays: 5 }))
    expect(refused.code).toBe('input/invalid')
    expect(refused.message).toContain('historyRetentionDays')
    expect(expectOk(await core.invoke('protection-settings/get', {})).historyRetentionDays).toBe(400)
  })
})
