import { describe, expect, it } from 'vitest'
import { ManualClock } from '#core/lib/clock'
import { WATCH_TIMER_ID } from '#core/schedule/watcher'
import { Fleet, HOUR, MINUTE, MONDAY, makeWatcher, openDb, runUntil, tempDbPath } from './harness.ts'

const DAY = 24 * HOUR

describe('the watcher', () => {
  it('never repeats a notice after a restart over the same SQLite file', () => {
    const path = tempDbPath()
    const db = openDb(path)
    new Fleet(db).connection().policy('k1', '1,2,3,4,5,6,7', '02:00-04:00')
    const first = makeWatcher(db, new ManualClock(MONDAY + HOUR + 45 * MINUTE))
    first.watcher.start()
    expect(first.notifier.shown.map((n) => n.kind)).toEqual(['upcoming'])
    first.watcher.stop()
    expect(first.scheduler.list()).toEqual([])
    db.close()

    const reopened = openDb(path)
    const second = makeWatcher(reopened, new ManualClock(MONDAY + HOUR + 50 * MINUTE))
    second.watcher.start()
    second.watcher.onResume()
    expect(second.notifier.shown).toEqual([])
    expect(second.raised).toEqual([])
    expect(reopened.sqlite.prepare('SELECT COUNT(*) AS n FROM notifications').get()).toEqual({ n: 1 })
  })

  it('after a 26-hour sleep shows ONE digest, records each notice unread, and nothing again after a restart', async () => {
    const path = tempDbPath()
    const db = openDb(path)
    const fleet = new Fleet(db).connection()
    for (const k of ['k1', 'k2', 'k3']) fleet.policy(k, '1,2,3,4,5,6,7', '02:00-04:00')
    fleet.backup({ id: 'old', clusterId: 'k1', created: MONDAY - 6 * DAY, expires: MONDAY + DAY + 6 * HOUR })
    fleet.backup({ id: 'new', clusterId: 'k1', created: MONDAY - DAY, expires: MONDAY + 6 * DAY })
    fleet.synced(MONDAY - 5 * MINUTE, MONDAY - 4 * MINUTE)
    const h = makeWatcher(db, new ManualClock(MONDAY))
    h.watcher.start()
    expect(h.notifier.shown).toEqual([])

    h.clock.advance(26 * HOUR)
    h.watcher.onResume()
    expect(h.notifier.shown).toHaveLength(1)
    const [digest] = h.notifier.shown
    expect(digest?.kind).toBe('digest')
    expect(digest?.title).toBe('4 backup notices while you were away')
    expect(h.raised).toEqual([digest])
    const unread = await h.watcher.handlers['notification/list']({ unreadOnly: true })
    expect(unread.map((n) => n.kind).sort()).toEqual(['digest', 'expiring', 'missed', 'missed', 'missed'])
    expect(h.notifier.lastSummary?.unread).toBe(4)

    h.watcher.onResume()
    h.watcher.stop()
    db.close()
    const again = makeWatcher(openDb(path), new ManualClock(MONDAY + 26 * HOUR + MINUTE))
    again.watcher.start()
    expect(again.notifier.shown).toEqual([])
  })

  it('treats a timer that fires a day late as a clock jump and catches up as one digest', () => {
    const db = openDb(tempDbPath())
    const fleet = new Fleet(db).connection()
    for (const k of ['k1', 'k2']) fleet.policy(k, '1,2,3,4,5,6,7', '02:00-04:00')
    const h = makeWatcher(db, new ManualClock(MONDAY))
    h.watcher.start()
    h.clock.set(MONDAY + 30 * HOUR)
    h.scheduler.runDue(h.clock.now())
    expect(h.notifier.shown.map((n) => n.kind)).toEqual(['digest'])
  })

  it('holds notices during quiet hours and delivers them when they end', async () => {
    const db = openDb(tempDbPath())
    new Fleet(db).connection().policy('k1', '1,2,3,4,5,6,7', '23:00-01:00')
    // 22:35 UTC = 23:35 in Berlin (CET): inside quiet hours 22:00-07:00 local, which end at 06:00 UTC.
    const h = makeWatcher(db, new ManualClock(MONDAY + 22 * HOUR + 35 * MINUTE), { timeZone: 'Europe/Berlin' })
    await h.watcher.handlers['settings/update']({ quietHours: { start: '22:00', end: '07:00' } })
    h.watcher.start()
    expect(h.notifier.shown).toEqual([])
    expect(h.notifier.lastSummary?.unread).toBe(1)
    runUntil(h, MONDAY + DAY + 6 * HOUR - 1)
    expect(h.notifier.shown).toEqual([])
    expect(h.scheduler.nextAt()).toBe(MONDAY + DAY + 6 * HOUR)
    h.fireNext()
    expect(h.notifier.shown.map((n) => n.kind)).toEqual(['digest'])
    expect(h.notifier.shown[0]?.body).toContain('1 upcoming, 1 missed')
  })

  it('keeps ONE live timer whatever the fleet size', () => {
    const counts = [10, 1000].map((size) => {
      const db = openDb(tempDbPath())
      const fleet = new Fleet(db).connection()
      for (let i = 0; i < size; i++) fleet.policy(`k${i}`, String((i % 7) + 1), `${String(i % 24).padStart(2, '0')}:00-${String((i + 2) % 24).padStart(2, '0')}:00`)
      const h = makeWatcher(db, new ManualClock(MONDAY))
      h.watcher.start()
      return h.scheduler.list()
    })
    expect(counts.map((c) => c.length)).toEqual([1, 1])
    expect(counts[0]?.[0]?.id).toBe(WATCH_TIMER_ID)
  })

  it('plans the earliest due instant and re-plans when settings change', async () => {
    const db = openDb(tempDbPath())
    new Fleet(db).connection().policy('k1', '3', '10:00-12:00')
    const h = makeWatcher(db, new ManualClock(MONDAY))
    h.watcher.start()
    expect(h.watcher.plannedAt()).toBe(MONDAY + HOUR)
    await h.watcher.handlers['settings/update']({ upcomingLeadMinutes: 60 })
    expect((await h.watcher.handlers['settings/get']({})).upcomingLeadMinutes).toBe(60)
    runUntil(h, MONDAY + 2 * DAY + 9 * HOUR)
    expect(h.notifier.shown.map((n) => n.kind)).toEqual(['upcoming'])
  })
})
