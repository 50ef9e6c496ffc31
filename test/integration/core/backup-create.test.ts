import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventMessage, EventPayload } from '#contract/events'
import type { RunningEmulator } from '#emulator/index'
import { clusterNamed, connect, countOf, FAST_LIMITS, intentRows, startSyncedDemo, stopSyncedDemo, waitFor } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'
import { ManualClock } from '#core/lib/clock'

const CREATE = 'POST /v2/clusters/{clusterId}/backups/create'
let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  ;({ emulator, core } = await startSyncedDemo({ jobDurationMs: 30_000 }))
})

afterEach(() => stopSyncedDemo({ emulator, core }))

async function ordersProd(): Promise<string> {
  return (await clusterNamed(core, 'orders-prod')).clusterId
}

function manualBackupsOf(clusterId: string, since: number): string[] {
  return emulator
    .state()
    .backups.filter((b) => b.clusterId === clusterId && b.creationMethod === 'MANUAL' && b.createTime >= since)
    .map((b) => b.backupId)
}

describe('no duplicate backups (R25)', () => {
  it('resolves with the backup Zilliz Cloud created when the connection dropped before the answer, confirming the intent without a second POST', async () => {
    const clusterId = await ordersProd()
    const since = emulator.now()
    emulator.injectFault({ pathRegex: '/backups/create$', method: 'POST', kind: 'drop-after' })
    const created = expectOk(await core.invoke('backup/create', { clusterId }))
    const made = manualBackupsOf(clusterId, since)
    expect(made).toEqual([created.backupId])
    expect(countOf(emulator, CREATE)).toBe(1)
    expect(intentRows(core.db)).toEqual([expect.objectContaining({ cluster_id: clusterId, state: 'CONFIRMED', backup_id: created.backupId })])
  })

  it('sends one POST for two concurrent requests for the same cluster and refuses the second as busy', async () => {
    const clusterId = await ordersProd()
    const since = emulator.now()
    const [first, second] = await Promise.all([core.invoke('backup/create', { clusterId }), core.invoke('backup/create', { clusterId })])
    const outcomes = [first, second]
    const ok = outcomes.filter((o) => o.ok)
    expect(ok).toHaveLength(1)
    expect(expectError(outcomes.find((o) => !o.ok) ?? first).code).toBe('busy')
    expect(countOf(emulator, CREATE)).toBe(1)
    expect(manualBackupsOf(clusterId, since)).toHaveLength(1)
    expect(intentRows(core.db).map((i) => i.state)).toEqual(['CONFIRMED'])
  })

  it('confirms an earlier uncertain request from the backup list before sending the next create', async () => {
    const clusterId = await ordersProd()
    const since = emulator.now()
    // The reconciling read of the backup list is refused once, so the dropped create stays UNKNOWN. (The read
    // of the existing backups before the request passes: a no-op latency fault takes that first GET.)
    emulator.injectFault({ pathRegex: '/backups/create$', method: 'POST', kind: 'drop-after' })
    emulator.injectFault({ pathRegex: '^/v2/backups$', method: 'GET', kind: 'latency', ms: 0 })
    emulator.injectFault({ pathRegex: '^/v2/backups$', method: 'GET', kind: 'business-error', code: 96000, message: 'Try again.' })
    const uncertain = expectError(await core.invoke('backup/create', { clusterId }))
    expect(uncertain.message).toContain('the outcome is unknown')
    expect(intentRows(core.db).map((i) => i.state)).toEqual(['UNKNOWN'])
    // The next click reconciles the earlier request, finds its backup, and then asks Zilliz for a new one,
    // which the emulator refuses while the first still runs (one manual backup at a time): still one backup.
    const next = expectError(await core.invoke('backup/create', { clusterId }))
    expect(next.code).toBe('api/rejected')
    expect(intentRows(core.db).map((i) => [i.state, i.backup_id])).toEqual([
      ['CONFIRMED', manualBackupsOf(clusterId, since)[0]],
      ['FAILED', null]
    ])
    expect(manualBackupsOf(clusterId, since)).toHaveLength(1)
    expect(countOf(emulator, CREATE)).toBe(2)
  })
})

describe('a backup is reported created only when it was (issue #11 item 8)', () => {
  /** A first manual backup A, finished, so that Zilliz accepts another one. */
  async function withFinishedBackupA(clusterId: string): Promise<string> {
    const a = expectOk(await core.invoke('backup/create', { clusterId })).backupId
    emulator.advance(31_000)
    return a
  }

  it('does not claim the earlier backup A when a second request is lost before it reaches Zilliz: unknown, with when to retry', async () => {
    const clusterId = await ordersProd()
    const since = emulator.now()
    const a = await withFinishedBackupA(clusterId)
    emulator.injectFault({ pathRegex: '/backups/create$', method: 'POST', kind: 'drop-before' })
    const lost = expectError(await core.invoke('backup/create', { clusterId }))
    expect(lost.code).toBe('api/unreachable')
    expect(lost.message).toContain('the outcome is unknown')
    expect(lost.message).toMatch(/try again after \d\d:\d\d UTC/)
    expect(lost.details?.retryAfterMs).toBeGreaterThan(0)
    expect(lost.details?.retryAfterMs).toBeLessThanOrEqual(60_000)
    expect(manualBackupsOf(clusterId, since)).toEqual([a])
    expect(intentRows(core.db).map((i) => [i.state, i.backup_id])).toEqual([['CONFIRMED', a], ['UNKNOWN', null]])

    const posts = countOf(emulator, CREATE)
    const early = expectError(await core.invoke('backup/create', { clusterId }))
    expect(early.code).toBe('busy')
    expect(early.details?.retryAfterMs).toBeGreaterThan(0)
    expect(countOf(emulator, CREATE)).toBe(posts)
  })

  it('ends the lock-out as soon as a list read late enough shows nothing was made, then creates a new backup', async () => {
    // Both clocks move together here, as real ones do: the skew estimate (docs/reliability.md#r28) stays put.
    const clock = new ManualClock(emulator.now())
    await core.close()
    core = createTestCore({ clock, limits: FAST_LIMITS })
    await connect(core, emulator)
    expectOk(await core.invoke('sync/run', {}))
    const clusterId = await ordersProd()
    const since = emulator.now()
    const a = expectOk(await core.invoke('backup/create', { clusterId })).backupId
    emulator.advance(31_000)
    clock.advance(31_000)
    emulator.injectFault({ pathRegex: '/backups/create$', method: 'POST', kind: 'drop-before' })
    expectError(await core.invoke('backup/create', { clusterId }))
    emulator.advance(61_000)
    clock.advance(61_000)
    const b = expectOk(await core.invoke('backup/create', { clusterId }))
    expect(b.backupId).not.toBe(a)
    expect(manualBackupsOf(clusterId, since).sort()).toEqual([a, b.backupId].sort())
    expect(intentRows(core.db).map((i) => [i.state, i.backup_id])).toEqual([['CONFIRMED', a], ['FAILED', null], ['CONFIRMED', b.backupId]])
  })

  it('claims the new backup, not the earlier one, when the answer of a request that reached Zilliz is lost', async () => {
    const clusterId = await ordersProd()
    const since = emulator.now()
    const a = await withFinishedBackupA(clusterId)
    emulator.injectFault({ pathRegex: '/backups/create$', method: 'POST', kind: 'drop-after' })
    const created = expectOk(await core.invoke('backup/create', { clusterId }))
    expect(created.backupId).not.toBe(a)
    expect(manualBackupsOf(clusterId, since).sort()).toEqual([a, created.backupId].sort())
  })
})

describe('job tracking', () => {
  it('emits job/updated as the emulator clock advances until SUCCESSFUL, then lists the backup AVAILABLE after the follow-up sync', async () => {
    await core.start()
    const clusterId = await ordersProd()
    const events: EventMessage[] = []
    const unsubscribe = core.events.subscribe((event) => events.push(event))
    const created = expectOk(await core.invoke('backup/create', { clusterId }))
    const jobEvents = (): EventPayload<'job/updated'>[] =>
      events.flatMap((e) => (e.name === 'job/updated' && e.payload.jobId === created.jobId ? [e.payload] : []))
    expect(jobEvents()[0]).toMatchObject({ status: 'PENDING', backupId: created.backupId, clusterId })

    for (let step = 1; jobEvents().at(-1)?.status !== 'SUCCESSFUL'; step++) {
      expect(step).toBeLessThanOrEqual(8)
      const seen = jobEvents().length
      emulator.advance(5_000)
      await waitFor(`job/updated after step ${step}`, () => (jobEvents().length > seen ? true : undefined))
    }
    const statuses = jobEvents().map((j) => j.status)
    expect(statuses).toContain('IN_PROGRESS')
    const progress = jobEvents().map((j) => j.progress)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))

    // The job's end starts a sync of the connection.
    await waitFor('the follow-up sync', () => (events.some((e) => e.name === 'sync/finished' && e.payload.ok) ? true : undefined))
    unsubscribe()
    const listed = expectOk(await core.invoke('backup/list', { limit: 100, clusterId }))
    expect(listed.items.find((b) => b.backupId === created.backupId)?.status).toBe('AVAILABLE')
  })
})
