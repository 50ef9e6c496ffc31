import http from 'node:http'
import https from 'node:https'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { commands } from '#contract/commands'
import { ManualClock } from '#core/lib/clock'
import { Fleet, HOUR, MINUTE, MONDAY, makeWatcher, openDb, runUntil, tempDbPath } from './harness.ts'

const DAY = 24 * HOUR

afterEach(() => {
  vi.restoreAllMocks()
})

function fleetAt(now: number) {
  const db = openDb(tempDbPath())
  const fleet = new Fleet(db).connection().policy('k1', '3', '10:00-12:00').policy('k2', '3', '10:00-12:00')
  fleet.synced(now - MINUTE, now - MINUTE)
  return { db, fleet, h: makeWatcher(db, new ManualClock(now)) }
}

describe('watcher notice kinds', () => {
  it('warns of an expiring backup, louder when it is the newest, then reports it expired', async () => {
    const { fleet, h } = fleetAt(MONDAY)
    fleet.backup({ id: 'old', clusterId: 'k1', created: MONDAY - 5 * DAY, expires: MONDAY + 30 * HOUR })
    fleet.backup({ id: 'newer', clusterId: 'k1', created: MONDAY - DAY, expires: MONDAY + 10 * DAY })
    fleet.backup({ id: 'only', clusterId: 'k2', created: MONDAY - 5 * DAY, expires: MONDAY + 31 * HOUR })
    h.watcher.start()
    expect(h.notifier.shown).toEqual([])
    runUntil(h, MONDAY + 6 * HOUR - 1)
    expect(h.notifier.shown).toEqual([])
    runUntil(h, MONDAY + 7 * HOUR)
    expect(h.notifier.shown.map((n) => [n.kind, n.backupId, n.severity])).toEqual([
      ['expiring', 'old', 'info'],
      ['expiring', 'only', 'critical']
    ])
    runUntil(h, MONDAY + 32 * HOUR)
    expect(h.notifier.shown.slice(2).map((n) => [n.kind, n.backupId])).toEqual([
      ['expired', 'old'],
      ['expired', 'only']
    ])
    const list = await h.watcher.handlers['notification/list']({ limit: 2 })
    expect(list.map((n) => n.backupId)).toEqual(['only', 'old'])
  })

  it('reports a backup CREATING longer than the stuck limit, once', () => {
    const { fleet, h } = fleetAt(MONDAY)
    fleet.backup({ id: 'slow', clusterId: 'k1', created: MONDAY - HOUR, expires: null, status: 'CREATING', method: 'MANUAL' })
    h.watcher.start()
    runUntil(h, MONDAY + 5 * HOUR - 1)
    expect(h.notifier.shown).toEqual([])
    runUntil(h, MONDAY + 20 * HOUR)
    expect(h.notifier.shown.map((n) => [n.kind, n.backupId, n.slot])).toEqual([
      ['stuck', 'slow', new Date(MONDAY - HOUR).toISOString()]
    ])
  })

  it('reports a tracked job that ended FAILED with its reason and the backup it made, when the job update arrives', () => {
    const { fleet, h } = fleetAt(MONDAY)
    h.watcher.start()
    fleet.failedJob('job-9', 'k2', MONDAY + 2 * MINUTE, 'quota exceeded', 'backup4_4daf8b53')
    h.clock.set(MONDAY + 3 * MINUTE)
    h.events.emit('job/updated', {
      jobId: 'job-9', type: 'BACKUP', status: 'FAILED', action: 'create-backup', progress: 100, startTime: null,
      endTime: new Date(MONDAY + 2 * MINUTE).toISOString(), reason: 'quota exceeded',
      connectionId: 'conn-1', clusterId: 'k2', backupId: null, updatedAt: new Date(MONDAY + 3 * MINUTE).toISOString()
    })
    expect(h.raised).toHaveLength(1)
    // The backup travels with the notice (a webhook's `backup`, the notice's "Show backup").
    expect(h.raised[0]).toMatchObject({ kind: 'failed', clusterId: 'k2', severity: 'critical', backupId: 'backup4_4daf8b53' })
    expect(h.raised[0]?.body).toContain('quota exceeded')
    h.watcher.replan()
    expect(h.raised).toHaveLength(1)
  })

  it('answers schedule/upcoming sorted with ISO UTC times, and marks notices read', async () => {
    const { fleet, h } = fleetAt(MONDAY)
    fleet.policy('k0', '1,3', '23:00-01:00')
    h.watcher.start()
    const windows = await h.watcher.handlers['schedule/upcoming']({ horizonHours: 48 })
    expect(windows).toEqual([
      { clusterId: 'k0', clusterName: 'name-k0', start: '2026-03-02T23:00:00.000Z', end: '2026-03-03T01:00:00.000Z' }
    ])
    const later = await h.watcher.handlers['schedule/upcoming']({ horizonHours: 72 })
    expect(later.map((w) => [w.clusterId, w.start])).toEqual([
      ['k0', '2026-03-02T23:00:00.000Z'],
      ['k1', '2026-03-04T10:00:00.000Z'],
      ['k2', '2026-03-04T10:00:00.000Z'],
      ['k0', '2026-03-04T23:00:00.000Z']
    ])
    runUntil(h, MONDAY + 2 * DAY + 9 * HOUR + 45 * MINUTE)
    // k0: upcoming Monday 22:30 and an unverified window (no sync since); k1, k2: upcoming Wednesday.
    expect(h.notifier.lastSummary?.unread).toBe(4)
    expect(h.notifier.lastSummary?.level).toBe('warning')
    expect(h.notifier.lastSummary?.isOffline).toBe(true)
    expect(h.notifier.lastSummary?.nextWindows[0]?.clusterId).toBe('k1')
    const first = (await h.watcher.handlers['notification/list']({}))[0]
    expect(await h.watcher.handlers['notification/mark-read']({ ids: [first?.id ?? ''] })).toEqual({ updated: 1 })
    expect(h.notifier.lastSummary?.unread).toBe(3)
    expect(await h.watcher.handlers['notification/mark-read']({ all: true })).toEqual({ updated: 3 })
    expect(await h.watcher.handlers['notification/list']({ unreadOnly: true })).toEqual([])
  })

  it('validates the notification settings at the contract', () => {
    const update = commands['settings/update'].input
    expect(update.safeParse({ upcomingLeadMinutes: 0 }).success).toBe(false)
    expect(update.safeParse({ stuckLimitHours: 1000 }).success).toBe(false)
    expect(update.safeParse({ quietHours: { start: '22:00', end: '22:00' } }).success).toBe(false)
    expect(update.safeParse({ quietHours: { start: '25:00', end: '07:00' } }).success).toBe(false)
    expect(update.safeParse({ unknown: 1 }).success).toBe(false)
    expect(update.safeParse({ quietHours: null, expiringLeadHours: 48 }).success).toBe(true)
  })

  it('never calls any API: no network, and only read methods of its input port', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const httpSpy = vi.spyOn(http, 'request')
    const httpsSpy = vi.spyOn(https, 'request')
    const { fleet, h } = fleetAt(MONDAY)
    fleet.backup({ id: 'b', clusterId: 'k1', created: MONDAY - DAY, expires: MONDAY + 2 * HOUR })
    h.watcher.start()
    runUntil(h, MONDAY + 9 * DAY)
    h.watcher.onResume()
    h.watcher.stop()
    expect(h.notifier.shown.length).toBeGreaterThan(0)
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(httpSpy).not.toHaveBeenCalled()
    expect(httpsSpy).not.toHaveBeenCalled()
  })
})
