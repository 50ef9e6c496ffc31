import { describe, expect, it } from 'vitest'
import { ManualClock } from '#core/lib/clock'
import { Fleet, HOUR, MINUTE, MONDAY, makeWatcher, openDb, runUntil, tempDbPath } from './harness.ts'

const DAY = 24 * HOUR

function fleetAt(now: number) {
  const db = openDb(tempDbPath())
  const fleet = new Fleet(db).connection().policy('k1', '3', '10:00-12:00')
  fleet.synced(now - MINUTE, now - MINUTE)
  return { fleet, h: makeWatcher(db, new ManualClock(now)) }
}

async function expiringNotices(h: ReturnType<typeof makeWatcher>) {
  const list = await h.watcher.handlers['notification/list']({ limit: 50 })
  return list.filter((n) => n.kind === 'expiring').map((n) => [n.backupId, n.read])
}

describe('an expiring notice resolves itself', () => {
  it('is marked read once a newer good backup of its cluster replaced the expiring one', async () => {
    const { fleet, h } = fleetAt(MONDAY)
    fleet.backup({ id: 'last', clusterId: 'k1', created: MONDAY - 5 * DAY, expires: MONDAY + 30 * HOUR })
    h.watcher.start()
    runUntil(h, MONDAY + 7 * HOUR)
    expect(await expiringNotices(h)).toEqual([['last', false]])

    // A backup that is newer but not good (still creating) replaces nothing.
    fleet.backup({ id: 'running', clusterId: 'k1', created: MONDAY + 8 * HOUR, expires: null, status: 'CREATING' })
    h.clock.set(MONDAY + 9 * HOUR)
    h.watcher.replan()
    expect(await expiringNotices(h)).toEqual([['last', false]])

    fleet.backup({ id: 'fresh', clusterId: 'k1', created: MONDAY + 10 * HOUR, expires: MONDAY + 8 * DAY })
    h.clock.set(MONDAY + 11 * HOUR)
    h.watcher.replan()
    expect(await expiringNotices(h)).toEqual([['last', true]])
  })

  it('is marked read once its backup has expired, with no newer backup', async () => {
    const { fleet, h } = fleetAt(MONDAY)
    fleet.backup({ id: 'only', clusterId: 'k1', created: MONDAY - 5 * DAY, expires: MONDAY + 30 * HOUR })
    h.watcher.start()
    runUntil(h, MONDAY + 30 * HOUR - 1)
    expect(await expiringNotices(h)).toEqual([['only', false]])
    runUntil(h, MONDAY + 31 * HOUR)
    expect(await expiringNotices(h)).toEqual([['only', true]])
  })
})
