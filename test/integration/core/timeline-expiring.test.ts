import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Backup } from '#contract/models/backup'
import { ManualClock } from '#core/lib/clock'
import type { RunningEmulator } from '#emulator/index'
import { connect, DEMO_START, FAST_LIMITS, startDemoEmulator } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

/*
 * The Timeline's day-by-day list reads its expiries from `schedule/expiring` (features/timeline/TimelineList.svelte)
 * instead of every page of `backup/list` and the whole `cluster/list` for the newest backup ids. This holds the new
 * answer to what those two gave, over the real core and two emulated organizations.
 */
const WEEK_MS = 7 * 24 * 3_600_000
let demo: RunningEmulator
let other: RunningEmulator
let core: TestCore
let demoId: string
let otherId: string

beforeAll(async () => {
  demo = await startDemoEmulator()
  // A second organization seeded alike: the same backup ids under two connections, told apart by organization.
  other = await startDemoEmulator()
  core = createTestCore({ limits: FAST_LIMITS, clock: new ManualClock(DEMO_START) })
  demoId = await connect(core, demo, 'Demo org')
  otherId = await connect(core, other, 'Other org')
  expectOk(await core.invoke('sync/run', { connectionId: demoId }))
  expectOk(await core.invoke('sync/run', { connectionId: otherId }))
})

afterAll(async () => {
  await core.close()
  await demo.close()
  await other.close()
})

async function everyBackupOf(connectionId: string): Promise<Backup[]> {
  const all: Backup[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = expectOk(await core.invoke('backup/list', { connectionId, sort: { by: 'createTime', dir: 'desc' }, offset, limit: 1000 }))
    all.push(...page.items)
    if (all.length >= page.total) return all
  }
}

describe('schedule/expiring, what the Timeline list shows', () => {
  it('is every AVAILABLE backup of both organizations expiring within the week, by expiry, named and marked newest as backup/list says', async () => {
    const expiring = expectOk(await core.invoke('schedule/expiring', { horizonHours: 24 * 7 }))
    for (const [connectionId, name] of [[demoId, 'Demo org'], [otherId, 'Other org']] as const) {
      const backups = await everyBackupOf(connectionId)
      const available = backups.filter((b) => b.status === 'AVAILABLE')
      const due = available.filter((b) => b.expireTime !== null && Date.parse(b.expireTime) > DEMO_START && Date.parse(b.expireTime) <= DEMO_START + WEEK_MS)
      const newer = (b: Backup): boolean => available.some((n) => n.clusterId === b.clusterId && n.createTime > b.createTime)
      const expected = due.map((b) => ({ backupId: b.backupId, clusterName: b.clusterName, expireTime: b.expireTime, isNewest: !newer(b) }))

      const shown = expiring.filter((b) => b.organization?.connectionId === connectionId)
      expect(expected.length, name).toBeGreaterThan(0)
      expect(shown.every((b) => b.organization?.name === name)).toBe(true)
      const byId = (a: { backupId: string }, b: { backupId: string }): number => a.backupId.localeCompare(b.backupId)
      expect(shown.map(({ backupId, clusterName, expireTime, isNewest }) => ({ backupId, clusterName, expireTime, isNewest })).sort(byId)).toEqual(expected.sort(byId))
    }
    // The demo seed has both: a cluster whose newest backup is about to expire, and older ones expiring under newer.
    expect(new Set(expiring.map((b) => b.isNewest))).toEqual(new Set([true, false]))
    expect(expiring.map((b) => b.expireTime)).toEqual(expiring.map((b) => b.expireTime).sort())
  })
})
