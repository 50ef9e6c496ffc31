import { describe, expect, it } from 'vitest'
import { commands } from '#contract/commands'
import { ManualClock } from '#core/lib/clock'
import { Fleet, HOUR, MINUTE, MONDAY, makeWatcher, openDb, runUntil, tempDbPath } from './harness.ts'

const DAY = 24 * HOUR
const WEEK = { horizonHours: 168 }

function fleetAt(now: number) {
  const db = openDb(tempDbPath())
  const fleet = new Fleet(db).connection().policy('k1', '3', '10:00-12:00').policy('k2', '3', '10:00-12:00').policy('k3', '3', '10:00-12:00')
  fleet.synced(now - MINUTE, now - MINUTE)
  return { db, fleet, h: makeWatcher(db, new ManualClock(now)) }
}

describe('schedule/expiring: the Timeline list\'s expiries, from the cache', () => {
  it('lists the AVAILABLE backups expiring within the horizon, by expiry, each marked newest by the watcher\'s rule', async () => {
    const { fleet, h } = fleetAt(MONDAY)
    fleet
      .backup({ id: 'old', clusterId: 'k1', created: MONDAY - 5 * DAY, expires: MONDAY + 30 * HOUR })
      .backup({ id: 'newer', clusterId: 'k1', created: MONDAY - DAY, expires: MONDAY + 10 * DAY })
      .backup({ id: 'only', clusterId: 'k2', created: MONDAY - 5 * DAY, expires: MONDAY + 2 * DAY })
      // A newer backup still being made restores nothing: the expiring one is still the newest (as the notice says).
      .backup({ id: 'last-good', clusterId: 'k3', created: MONDAY - 5 * DAY, expires: MONDAY + 3 * DAY })
      .backup({ id: 'making', clusterId: 'k3', created: MONDAY - HOUR, expires: null, status: 'CREATING', method: 'MANUAL' })
      .backup({ id: 'gone', clusterId: 'k3', created: MONDAY - 4 * DAY, expires: MONDAY + 4 * DAY, status: 'DELETED' })
      .backup({ id: 'past', clusterId: 'k4', created: MONDAY - 9 * DAY, expires: MONDAY - HOUR })
      .backup({ id: 'beyond', clusterId: 'k4', created: MONDAY - 2 * DAY, expires: MONDAY + 7 * DAY + 1 })
      .backup({ id: 'kept', clusterId: 'k4', created: MONDAY - 3 * DAY, expires: null, method: 'MANUAL' })

    const listed = await h.watcher.handlers['schedule/expiring'](WEEK)

    expect(listed.map((b) => [b.backupId, b.isNewest])).toEqual([
      ['old', false],
      ['only', true],
      ['last-good', true]
    ])
    expect(listed[0]).toEqual({
      backupId: 'old',
      backupName: 'backup-old',
      clusterId: 'k1',
      clusterName: 'name-k1',
      expireTime: new Date(MONDAY + 30 * HOUR).toISOString(),
      isNewest: false
    })
  })

  it('keeps listing a backup once the watcher has warned of it, and drops it once it has expired', async () => {
    const { fleet, h } = fleetAt(MONDAY)
    fleet.backup({ id: 'soon', clusterId: 'k1', created: MONDAY - 5 * DAY, expires: MONDAY + 30 * HOUR })
    h.watcher.start()
    runUntil(h, MONDAY + 7 * HOUR)
    expect(h.notifier.shown.map((n) => [n.kind, n.backupId])).toEqual([['expiring', 'soon']])
    expect((await h.watcher.handlers['schedule/expiring'](WEEK)).map((b) => b.backupId)).toEqual(['soon'])

    runUntil(h, MONDAY + 31 * HOUR)
    expect(await h.watcher.handlers['schedule/expiring'](WEEK)).toEqual([])
    h.watcher.stop()
  })

  it('refuses a horizon that is not a positive number of hours up to 31 days, naming the field', () => {
    const input = commands['schedule/expiring'].input
    for (const bad of [{ horizonHours: 0 }, { horizonHours: -1 }, { horizonHours: 24 * 31 + 1 }, { horizonHours: '168' }, {}]) {
      const parsed = input.safeParse(bad)
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.path).toEqual(['horizonHours'])
    }
    expect(input.safeParse({ horizonHours: 168, extra: 1 }).success).toBe(false)
  })
})
