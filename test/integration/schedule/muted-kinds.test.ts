import { describe, expect, it } from 'vitest'
import { commands } from '#contract/commands'
import { ManualClock } from '#core/lib/clock'
import { Fleet, HOUR, MINUTE, MONDAY, makeWatcher, openDb, runUntil, tempDbPath } from './harness.ts'

const DAY = 24 * HOUR

describe('per-kind switches', () => {
  it('never shows nor raises a switched-off kind, yet records it in the ledger; other kinds still show', async () => {
    const db = openDb(tempDbPath())
    const fleet = new Fleet(db).connection().policy('k1', '3', '10:00-12:00')
    fleet.synced(MONDAY - MINUTE, MONDAY - MINUTE)
    fleet.backup({ id: 'old', clusterId: 'k1', created: MONDAY - 5 * DAY, expires: MONDAY + 30 * HOUR })
    fleet.backup({ id: 'slow', clusterId: 'k1', created: MONDAY - HOUR, expires: null, status: 'CREATING', method: 'MANUAL' })
    const h = makeWatcher(db, new ManualClock(MONDAY))
    const saved = await h.watcher.handlers['settings/update']({ mutedKinds: ['expiring'] })
    expect(saved.mutedKinds).toEqual(['expiring'])
    h.watcher.start()
    runUntil(h, MONDAY + 8 * HOUR)

    expect(h.notifier.shown.map((n) => n.kind)).toEqual(['stuck'])
    expect(h.raised.map((n) => n.kind)).toEqual(['stuck'])
    const ledger = await h.watcher.handlers['notification/list']({ limit: 50 })
    expect(ledger.map((n) => [n.kind, n.backupId]).sort()).toEqual([
      ['expiring', 'old'],
      ['stuck', 'slow']
    ])
    expect(ledger.find((n) => n.kind === 'expiring')?.read).toBe(false)
  })

  it('refuses an unknown kind and the digest in the switch list', () => {
    const update = commands['settings/update'].input
    expect(update.safeParse({ mutedKinds: ['expiring', 'missed'] }).success).toBe(true)
    expect(update.safeParse({ mutedKinds: ['digest'] }).success).toBe(false)
    expect(update.safeParse({ mutedKinds: ['nope'] }).success).toBe(false)
  })
})

describe('message bodies', () => {
  it('give times in the local zone next to UTC', () => {
    const db = openDb(tempDbPath())
    const fleet = new Fleet(db).connection().policy('k1', '3', '10:00-12:00')
    fleet.synced(MONDAY - MINUTE, MONDAY - MINUTE)
    fleet.backup({ id: 'old', clusterId: 'k1', created: MONDAY - 5 * DAY, expires: MONDAY + 30 * HOUR })
    const h = makeWatcher(db, new ManualClock(MONDAY), { timeZone: 'Europe/Berlin' })
    h.watcher.start()
    runUntil(h, MONDAY + 8 * HOUR)
    const expiring = h.notifier.shown.find((n) => n.kind === 'expiring')
    expect(expiring?.body).toContain('expires at 2026-03-03 07:00 (UTC+01:00) · 06:00 UTC.')
  })
})
