import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Notification } from '#contract/models/notification'
import { ManualClock } from '#core/lib/clock'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { connect, FAST_LIMITS } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

const MINUTE = 60_000
/** Monday 2 March 2026, 00:00 UTC. */
const START = Date.UTC(2026, 2, 2)

/*
 * Two emulator organizations from the same seed list the same cluster ids (as an earlier emulator run and a new one
 * do). The ledger keys a notice by its connection (schema 12), so each organization gets its own notices, and
 * one organization's never show, or silence the same notice, on the other.
 */
let first: RunningEmulator
let second: RunningEmulator
let clock: ManualClock
let core: TestCore
let firstId = ''
let secondId = ''

beforeEach(async () => {
  first = await startEmulator({ seed: 'demo', clockMode: 'manual', startTime: START, rateLimit: 1000 })
  second = await startEmulator({ seed: 'demo', clockMode: 'manual', startTime: START, rateLimit: 1000 })
  clock = new ManualClock(START)
  core = createTestCore({ clock, limits: FAST_LIMITS })
  firstId = await connect(core, first, 'First org')
  secondId = await connect(core, second, 'Second org')
  expectOk(await core.invoke('sync/run', { connectionId: firstId }))
  expectOk(await core.invoke('sync/run', { connectionId: secondId }))
  await core.start()
})

afterEach(async () => {
  await core.close()
  await first.close()
  await second.close()
})

/** The first expected window of a cluster both organizations list, with the same id. */
async function sharedWindow(): Promise<{ clusterId: string; startMs: number }> {
  const windows = expectOk(await core.invoke('schedule/upcoming', { horizonHours: 24 * 7 }))
  const window = windows.find((w) => w.organization?.connectionId === firstId
    && windows.some((o) => o.clusterId === w.clusterId && o.start === w.start && o.organization?.connectionId === secondId))
  if (window === undefined) throw new Error('the demo seed has no enabled policy')
  return { clusterId: window.clusterId, startMs: Date.parse(window.start) }
}

/** Syncs both organizations with the clock `minutes` before the window, which runs the watcher after each. */
async function syncBothBefore(window: { startMs: number }, minutes: number): Promise<void> {
  clock.set(window.startMs - minutes * MINUTE)
  expectOk(await core.invoke('sync/run', { connectionId: firstId }))
  expectOk(await core.invoke('sync/run', { connectionId: secondId }))
}

async function upcomingOf(clusterId: string): Promise<Notification[]> {
  return expectOk(await core.invoke('notification/list', {})).filter((n) => n.kind === 'upcoming' && n.clusterId === clusterId)
}

describe('the notification ledger per organization', () => {
  it('raises the same window\'s notice once for each organization listing the cluster id, each naming its own', async () => {
    const window = await sharedWindow()
    await syncBothBefore(window, 10)
    const notices = await upcomingOf(window.clusterId)
    expect(notices.map((n) => n.organization?.name).sort()).toEqual(['First org', 'Second org'])
    expect(notices.every((n) => n.slot === new Date(window.startMs).toISOString())).toBe(true)

    // Raised once per organization: a second evaluation adds nothing.
    await syncBothBefore(window, 5)
    expect(await upcomingOf(window.clusterId)).toHaveLength(2)
  })

  it('a removed organization\'s notices leave with it, and a new connection to a same-id organization gets its own', async () => {
    const window = await sharedWindow()
    await syncBothBefore(window, 10)
    const [mine] = (await upcomingOf(window.clusterId)).filter((n) => n.organization?.connectionId === firstId)
    if (mine === undefined) throw new Error('no notice for the first organization')
    expectOk(await core.invoke('notification/mark-read', { ids: [mine.id] }))

    expectOk(await core.invoke('connection/remove', { id: firstId, drafts: 'delete' }))
    expect((await upcomingOf(window.clusterId)).map((n) => n.organization?.name)).toEqual(['Second org'])

    // Like a new emulator run: the same cluster ids under a new connection. Nothing of the removed one shows, and the
    // read notice of the removed one does not stand in for the new organization's (which is raised, unread).
    const again = await startEmulator({ seed: 'demo', clockMode: 'manual', startTime: START, rateLimit: 1000 })
    try {
      const againId = await connect(core, again, 'New run')
      clock.set(window.startMs - 4 * MINUTE)
      expectOk(await core.invoke('sync/run', { connectionId: againId }))
      const fresh = (await upcomingOf(window.clusterId)).filter((n) => n.organization?.connectionId === againId)
      expect(fresh).toHaveLength(1)
      expect(fresh[0]?.read).toBe(false)
      expect((await upcomingOf(window.clusterId)).map((n) => n.organization?.name).sort()).toEqual(['New run', 'Second org'])
    } finally {
      await again.close()
    }
  })
})
