import { describe, expect, it } from 'vitest'
import { ManualClock } from '#core/lib/clock'
import { Fleet, HOUR, MINUTE, MONDAY, makeWatcher, openDb, runUntil, tempDbPath } from './harness.ts'

// Daily window 02:00-04:00 UTC; grace 2 h → deadline 06:00; unverified notice at 07:00 without a sync.
function setup() {
  const db = openDb(tempDbPath())
  const fleet = new Fleet(db).connection().policy('k1', '1,2,3,4,5,6,7', '02:00-04:00').policy('k2', '1,2,3,4,5,6,7', '02:00-04:00')
  fleet.synced(MONDAY - 10 * MINUTE, MONDAY - 9 * MINUTE)
  const h = makeWatcher(db, new ManualClock(MONDAY))
  h.watcher.start()
  return { db, fleet, h }
}

function ledger(db: ReturnType<typeof openDb>, kind: string) {
  return db.sqlite.prepare('SELECT cluster_id, slot, read, severity, title FROM notifications WHERE kind = ? ORDER BY cluster_id').all(kind) as {
    cluster_id: string; slot: number; read: number; severity: string; title: string
  }[]
}

describe('missed windows', () => {
  it('raises no missed while offline, one "cannot be verified" notice per window instead', () => {
    const { db, h } = setup()
    runUntil(h, MONDAY + 12 * HOUR)
    expect(ledger(db, 'missed')).toEqual([])
    const unverified = ledger(db, 'missed-unverified')
    expect(unverified.map((r) => r.cluster_id)).toEqual(['k1', 'k2'])
    expect(unverified.every((r) => r.severity === 'warning' && r.title.includes('cannot be verified'))).toBe(true)
    h.watcher.replan()
    expect(ledger(db, 'missed-unverified')).toHaveLength(2)
  })

  it('a failed sync, or one that started before the deadline, proves nothing', () => {
    const { db, fleet, h } = setup()
    runUntil(h, MONDAY + 8 * HOUR)
    fleet.synced(MONDAY + 5 * HOUR, MONDAY + 5 * HOUR + MINUTE)
    h.watcher.replan()
    fleet.synced(MONDAY + 8 * HOUR, MONDAY + 8 * HOUR + MINUTE, 'api/unreachable')
    h.watcher.replan()
    expect(ledger(db, 'missed')).toEqual([])
  })

  it('raises missed exactly once after a confirming sync, and clears the unverified notice of a window that had its backup', async () => {
    const { db, fleet, h } = setup()
    runUntil(h, MONDAY + 8 * HOUR)
    fleet.backup({ id: 'b2', clusterId: 'k2', created: MONDAY + 2 * HOUR + 20 * MINUTE, expires: MONDAY + 9 * 24 * HOUR })
    fleet.backup({ id: 'm1', clusterId: 'k1', created: MONDAY + 3 * HOUR, expires: null, method: 'MANUAL' })
    fleet.synced(MONDAY + 8 * HOUR, MONDAY + 8 * HOUR + MINUTE)
    h.clock.set(MONDAY + 8 * HOUR + MINUTE)
    h.events.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    const missed = ledger(db, 'missed')
    expect(missed).toEqual([expect.objectContaining({ cluster_id: 'k1', slot: MONDAY + 2 * HOUR, severity: 'critical' })])
    expect(ledger(db, 'missed-unverified').map((r) => [r.cluster_id, r.read])).toEqual([['k1', 0], ['k2', 1]])
    h.events.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    h.watcher.replan()
    expect(ledger(db, 'missed')).toHaveLength(1)
    expect(h.raised.filter((n) => n.kind === 'missed' && n.severity === 'critical')).toHaveLength(1)
    const listed = await h.watcher.handlers['notification/list']({})
    expect(listed.filter((n) => n.kind === 'missed')).toHaveLength(3)
  })

  it('does not call a window missed when its backup may have expired before the sync read the list', () => {
    const db = openDb(tempDbPath())
    const fleet = new Fleet(db).connection().policy('k1', '1', '02:00-04:00', { retentionDays: 1 })
    const h = makeWatcher(db, new ManualClock(MONDAY))
    h.watcher.start()
    runUntil(h, MONDAY + 3 * 24 * HOUR)
    fleet.synced(MONDAY + 3 * 24 * HOUR, MONDAY + 3 * 24 * HOUR + MINUTE)
    h.clock.advance(2 * MINUTE)
    h.watcher.replan()
    expect(ledger(db, 'missed')).toEqual([])
    expect(ledger(db, 'missed-unverified')).toHaveLength(1)
  })

  it('judges an organization added after the watch began only from when it was added: its earlier windows were never mirrored, so none is called missed or unverifiable', () => {
    const db = openDb(tempDbPath())
    const fleet = new Fleet(db).connection().policy('k1', '1,2,3,4,5,6,7', '02:00-04:00')
    fleet.synced(MONDAY - 10 * MINUTE, MONDAY - 9 * MINUTE)
    const h = makeWatcher(db, new ManualClock(MONDAY))
    h.watcher.start()
    // A week on, a second organization is added; its cluster's policy was switched on in the console that morning,
    // so the cache has none of its earlier (never scheduled) backups.
    const addedAt = MONDAY + 7 * 24 * HOUR + 9 * HOUR
    runUntil(h, addedAt)
    fleet.connection('conn-2', addedAt).policy('k9', '1,2,3,4,5,6,7', '02:00-04:00', { connectionId: 'conn-2', retentionDays: 7 })
    fleet.synced(addedAt + MINUTE, addedAt + 2 * MINUTE, null, 'conn-2')
    h.clock.set(addedAt + 3 * MINUTE)
    h.events.emit('sync/finished', { connectionId: 'conn-2', ok: true })
    expect(ledger(db, 'missed').filter((r) => r.cluster_id === 'k9')).toEqual([])
    expect(ledger(db, 'missed-unverified').filter((r) => r.cluster_id === 'k9')).toEqual([])
    // Its first window after it was added is judged like any other.
    const nextDay = MONDAY + 8 * 24 * HOUR
    fleet.synced(nextDay + 8 * HOUR, nextDay + 8 * HOUR + MINUTE, null, 'conn-2')
    h.clock.set(nextDay + 8 * HOUR + 2 * MINUTE)
    h.events.emit('sync/finished', { connectionId: 'conn-2', ok: true })
    expect(ledger(db, 'missed').filter((r) => r.cluster_id === 'k9').map((r) => r.slot)).toEqual([nextDay + 2 * HOUR])
  })
})
