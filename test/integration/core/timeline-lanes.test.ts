import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '#emulator/index'
import { startOnLockstepClocks } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import type { LockstepClocks } from '../../fakes/lockstep-clocks.ts'
import type { TestCore } from '../../fakes/test-core.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2 March 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 2, 2)
/** The Tuesday window 02:00-04:00 UTC; with the default 2 h grace its deadline is 06:00. */
const WINDOW_START = MONDAY + DAY + 2 * HOUR
const iso = (ms: number): string => new Date(ms).toISOString()

/*
 * The window gets no backup as in test/integration/schedule/missed-e2e.test.ts: enabling the policy on Monday starts
 * an AUTO backup at once, and with 30-hour jobs it still runs at the Tuesday window, which Zilliz then skips.
 */
let emulator: RunningEmulator
let clocks: LockstepClocks
let core: TestCore
let nightly = ''

/** Moves both clocks to `t`, firing each planned watcher instant on the way (the watcher raises the missed notice). */
const moveTo = (t: number): void => clocks.moveTo(t, core.scheduler)

beforeEach(async () => {
  ;({ emulator, clocks, core } = await startOnLockstepClocks(MONDAY, { jobDurationMs: 30 * HOUR }))
  nightly = emulator.createCluster({ clusterName: 'orders-nightly' }).clusterId
  emulator.createCluster({ clusterName: 'billing' })
  emulator.createCluster({ clusterName: 'catalog' })
  await core.start()
  expectOk(await core.invoke('connection/add', { name: 'Org', baseUrl: emulator.url, apiKey: emulator.apiKey }))
  expectOk(await core.invoke('sync/run', {}))
})

afterEach(async () => {
  await core.close()
  await emulator.close()
})

describe('timeline/lanes', () => {
  it('marks a cluster\'s AUTO backup, missed window, future windows, expiry and restorable span in one answer', async () => {
    expectOk(await core.invoke('policy/apply', { clusterId: nightly, policy: { enabled: true, frequency: '2', startTime: '02:00-04:00', retentionDays: 7 } }))
    moveTo(WINDOW_START + 8 * HOUR)
    expectOk(await core.invoke('sync/run', {}))

    const answer = expectOk(await core.invoke('timeline/lanes', { from: iso(MONDAY - DAY), to: iso(MONDAY + 14 * DAY) }))
    expect(answer.total).toBe(3)
    expect(answer.groups).toEqual([expect.objectContaining({ connectionName: 'Org', projectName: 'Default Project', lanes: 3 })])
    expect(answer.lanes.map((l) => l.clusterName)).toEqual(['billing', 'catalog', 'orders-nightly'])
    const lane = answer.lanes[2]
    const auto = emulator.state().backups.find((b) => b.clusterId === nightly && b.creationMethod === 'AUTO')
    expect(auto?.createTime).toBe(MONDAY)
    expect(lane?.marks.map((m) => [m.kind, m.at])).toEqual([
      ['auto', iso(MONDAY)],
      ['missed', iso(WINDOW_START)],
      ['expiry', iso(MONDAY + 7 * DAY)],
      ['window', iso(WINDOW_START + 7 * DAY)]
    ])
    expect(lane?.marks[0]).toMatchObject({ backupId: auto?.backupId, backupName: auto?.backupName })
    expect(lane?.marks[3]?.end).toBe(iso(WINDOW_START + 7 * DAY + 2 * HOUR))
    expect(lane?.restorable).toEqual({ from: iso(MONDAY), to: iso(MONDAY) })
    expect(answer.lanes[0]).toMatchObject({ clusterName: 'billing', marks: [], restorable: null })
  })

  it('shows a MANUAL backup in its own kind and keeps it after it is deleted, from the history', async () => {
    const billing = emulator.state().clusters.find((c) => c.clusterName === 'billing')?.clusterId ?? ''
    const manual = expectOk(await core.invoke('backup/create', { clusterId: billing }))
    moveTo(MONDAY + 31 * HOUR)
    expectOk(await core.invoke('sync/run', {}))
    expectOk(await core.invoke('backup/delete', { clusterId: billing, backupId: manual.backupId }))
    expectOk(await core.invoke('sync/run', {}))

    const answer = expectOk(await core.invoke('timeline/lanes', { from: iso(MONDAY - DAY), to: iso(MONDAY + 7 * DAY), limit: 1 }))
    expect(answer.lanes).toHaveLength(1)
    const listedName = emulator.state().backups.find((b) => b.backupId === manual.backupId)?.backupName
    expect(answer.lanes[0]?.marks).toEqual([{ kind: 'manual', at: iso(MONDAY), backupId: manual.backupId, backupName: listedName }])
    // Deleted: nothing is restorable any more, yet the backup stays on its lane.
    expect(answer.lanes[0]?.restorable).toBeNull()
  })

  it('pages by lane in a stable order and keeps the groups and total of the whole scope', async () => {
    const range = { from: iso(MONDAY), to: iso(MONDAY + 7 * DAY) }
    const first = expectOk(await core.invoke('timeline/lanes', { ...range, offset: 0, limit: 2 }))
    const rest = expectOk(await core.invoke('timeline/lanes', { ...range, offset: 2, limit: 2 }))
    expect([...first.lanes, ...rest.lanes].map((l) => l.clusterName)).toEqual(['billing', 'catalog', 'orders-nightly'])
    expect(rest.total).toBe(3)
    expect(rest.groups).toEqual(first.groups)
    const other = expectOk(await core.invoke('timeline/lanes', { ...range, connectionId: 'conn-unknown' }))
    expect(other).toEqual({ total: 0, groups: [], lanes: [] })
  })

  it('refuses a range that ends before it starts or spans more than 100 days, naming the field', async () => {
    const backwards = expectError(await core.invoke('timeline/lanes', { from: iso(MONDAY), to: iso(MONDAY - DAY) }))
    expect(backwards).toMatchObject({ code: 'input/invalid', details: { field: 'to' } })
    const tooWide = expectError(await core.invoke('timeline/lanes', { from: iso(MONDAY), to: iso(MONDAY + 101 * DAY) }))
    expect(tooWide).toMatchObject({ code: 'input/invalid', details: { field: 'to' } })
  })
})
