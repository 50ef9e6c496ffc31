import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Notification } from '#contract/models/notification'
import type { ManualClock } from '#core/lib/clock'
import type { RunningEmulator } from '#emulator/index'
import { startOnLockstepClocks } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import type { LockstepClocks } from '../../fakes/lockstep-clocks.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Monday 2 March 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 2, 2)
/** The Tuesday window 02:00-04:00 UTC; with the default 2 h grace its deadline is 06:00. */
const WINDOW_START = MONDAY + DAY + 2 * HOUR
const DEADLINE = WINDOW_START + 4 * HOUR

/*
 * How the window gets no backup. The emulator has no fault that makes an automatic backup fail (its faults
 * act on HTTP requests only), so this uses its documented lifecycle rule instead (README, Inferred choice 11):
 * "a window is skipped while the previous AUTO backup still runs". Enabling the policy on Monday 00:00 starts
 * an automatic backup at once; with 30-hour jobs it still runs at the Tuesday 02:00 window, which Zilliz
 * therefore skips: no AUTO backup is ever created in that window.
 */
const JOB_DURATION_MS = 30 * HOUR

let emulator: RunningEmulator
let clock: ManualClock
let clocks: LockstepClocks
let core: TestCore
let clusterId = ''

/** Moves both clocks to `t`, firing each instant the core's watcher planned on the way. */
const moveTo = (t: number, on: TestCore = core): void => clocks.moveTo(t, on.scheduler)

async function missedNotices(on: TestCore = core): Promise<{ confirmed: Notification[]; unverified: Notification[] }> {
  const missed = expectOk(await on.invoke('notification/list', {})).filter((n) => n.kind === 'missed' && n.clusterId === clusterId)
  return {
    confirmed: missed.filter((n) => n.severity === 'critical'),
    unverified: missed.filter((n) => n.severity === 'warning' && n.title.includes('cannot be verified'))
  }
}

function shownMissed(on: TestCore): Notification[] {
  return on.notifier.shown.filter((n) => n.kind === 'missed' && n.clusterId === clusterId)
}

beforeEach(async () => {
  ;({ emulator, clock, clocks, core } = await startOnLockstepClocks(MONDAY, { jobDurationMs: JOB_DURATION_MS }))
  clusterId = emulator.createCluster({ clusterName: 'orders-nightly' }).clusterId
  await core.start()
})

afterEach(async () => {
  await core.close()
  await emulator.close()
})

describe('a missed backup window, end to end against the emulator', () => {
  it('raises exactly one missed after a covering sync, only an unverifiable notice while Zilliz is unreachable, and none again after a restart', async () => {
    expectOk(await core.invoke('connection/add', { name: 'Org', baseUrl: emulator.url, apiKey: emulator.apiKey }))
    expectOk(await core.invoke('sync/run', {}))
    const applied = expectOk(await core.invoke('policy/apply', {
      clusterId,
      policy: { enabled: true, frequency: '2', startTime: '02:00-04:00', retentionDays: 7 }
    }))
    expect(applied.state).toBe('synced')
    expectOk(await core.invoke('sync/run', {}))
    expect(expectOk(await core.invoke('policy/get', { clusterId })).policy).toMatchObject({ enabled: true, frequency: '2', startTime: '02:00-04:00' })

    // Before the window: a successful sync, nothing to report.
    moveTo(WINDOW_START - HOUR)
    expectOk(await core.invoke('sync/run', {}))
    expect(await missedNotices()).toEqual({ confirmed: [], unverified: [] })

    // Zilliz Cloud becomes unreachable before the deadline: every API request has its socket destroyed.
    emulator.injectFault({ path: '/v2/', kind: 'drop-before', times: 10_000 })
    moveTo(DEADLINE + 30 * MINUTE)
    expect(expectError(await core.invoke('sync/run', {})).code).toBe('api/unreachable')
    expect(await missedNotices()).toEqual({ confirmed: [], unverified: [] })

    // An hour past the deadline with no covering sync: a warning that it cannot be verified, not an alarm.
    moveTo(DEADLINE + 90 * MINUTE)
    const offline = await missedNotices()
    expect(offline.confirmed).toEqual([])
    expect(offline.unverified).toEqual([expect.objectContaining({ slot: new Date(WINDOW_START).toISOString() })])

    // Back online: the first sync after the deadline proves the window had no automatic backup.
    emulator.clearFaults()
    moveTo(DEADLINE + 2 * HOUR)
    expectOk(await core.invoke('sync/run', {}))
    const autos = emulator.state().backups.filter((b) => b.clusterId === clusterId && b.creationMethod === 'AUTO')
    expect(autos.map((b) => [b.createTime, b.status])).toEqual([[MONDAY, 'AVAILABLE']])
    const confirmed = await missedNotices()
    expect(confirmed.confirmed).toEqual([
      expect.objectContaining({ slot: new Date(WINDOW_START).toISOString(), title: 'Backup missed: orders-nightly' })
    ])
    expect(shownMissed(core).map((n) => n.severity)).toEqual(['warning', 'critical'])

    // More syncs and timers do not repeat it.
    expectOk(await core.invoke('sync/run', {}))
    moveTo(DEADLINE + 5 * HOUR)
    expectOk(await core.invoke('sync/run', {}))
    expect((await missedNotices()).confirmed).toHaveLength(1)
    expect(shownMissed(core)).toHaveLength(2)

    // Restart on the same data directory (the key survives, as in the keychain): no repeat.
    const { dataDir, secrets } = core
    await core.close()
    core = createTestCore({ dataDir, clock, secrets })
    await core.start()
    expectOk(await core.invoke('sync/run', {}))
    moveTo(DEADLINE + 10 * HOUR)
    expectOk(await core.invoke('sync/run', {}))
    expect(await missedNotices()).toEqual({ confirmed: [confirmed.confirmed[0]], unverified: offline.unverified })
    expect(shownMissed(core)).toEqual([])
  })
})
