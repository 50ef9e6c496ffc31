import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from '#core/lib/clock'
import { EventBus } from '#core/lib/event-bus'
import { silentLogger } from '#core/lib/logger'
import type { Notification } from '#contract/models/notification'
import { ManualScheduler } from '#core/schedule/manual-scheduler'
import { NodeScheduleScheduler } from '#core/schedule/node-schedule-scheduler'
import { createWatcher } from '#core/schedule/watcher'
import type { WatchInputs } from '#core/schedule/watch-inputs'
import type { KeyValueStore, NotificationLedger } from '#core/schedule/ledger'

// The real node-schedule on vitest's fake timers and Date: its timers fire as the test moves time, no real waits.
let real: NodeScheduleScheduler
beforeEach(async () => {
  vi.useFakeTimers({ now: Date.UTC(2026, 2, 2, 9, 0) })
  // Made after faking: the scheduler keeps the Date.now it is given.
  real = new NodeScheduleScheduler()
  // node-schedule loads on first use; these cases start with it loaded (the next describe covers the loading).
  await real.ready()
})
afterEach(() => {
  real.stop()
  vi.useRealTimers()
})

describe('ManualScheduler', () => {
  it('runs only what is due, earliest first, and replaces an entry with the same id', () => {
    const s = new ManualScheduler()
    const ran: string[] = []
    s.schedule('a', 20, () => ran.push('a'))
    s.schedule('b', 10, () => ran.push('b'))
    s.schedule('a', 30, () => ran.push('a2'))
    expect(s.runDue(25)).toBe(1)
    expect(s.list()).toEqual([{ id: 'a', atMs: 30 }])
    s.cancel('a')
    expect(s.runDue(100)).toBe(0)
    expect(ran).toEqual(['b'])
  })
})

describe('NodeScheduleScheduler (real node-schedule)', () => {
  it('fires a one-shot job at its instant, not before, and a cancelled one never', () => {
    const start = Date.now()
    const firedAt: number[] = []
    real.schedule('soon', start + 300, () => firedAt.push(Date.now()))
    let cancelledRan = false
    real.schedule('never', start + 200, () => (cancelledRan = true))
    real.cancel('never')
    expect(real.list().map((e) => e.id)).toEqual(['soon'])
    vi.advanceTimersByTime(299)
    expect(firedAt).toEqual([])
    vi.advanceTimersByTime(1_000)
    expect(firedAt).toEqual([start + 300])
    expect(cancelledRan).toBe(false)
    expect(real.list()).toEqual([])
  })

  it('drives a watcher on the system clock: an expiring warning arrives when its lead time begins, not before', () => {
    const now = Date.now()
    const shown: Notification[] = []
    const store = new Map<string, string>()
    const kv: KeyValueStore = { read: (k) => store.get(k) ?? null, write: (k, v) => store.set(k, v) }
    const recorded: Notification[] = []
    const ledger: NotificationLedger = {
      record: (drafts, at) => {
        const fresh = drafts.filter((d) => !recorded.some((r) => r.clusterId === d.clusterId && r.slot === new Date(d.slotMs).toISOString()))
        const made = fresh.map((d, i) => ({
          id: String(recorded.length + i + 1), kind: d.kind === 'missed-unverified' ? 'missed' as const : d.kind,
          clusterId: d.clusterId, slot: new Date(d.slotMs).toISOString(), title: d.title, body: d.body,
          severity: d.severity, createdAt: new Date(at).toISOString(), read: false
        }))
        recorded.push(...made)
        pending.push(...made)
        return made
      },
      undelivered: () => [...pending],
      markDelivered: () => void pending.splice(0),
      list: () => recorded,
      raisedBetween: () => [],
      markRead: () => 0,
      markReadByKey: () => undefined,
      resolveSettledExpiring: () => 0,
      unreadStats: () => ({ unread: 0, worst: null, titles: [] }),
      unreadCount: () => 0
    }
    const pending: Notification[] = []
    const expiresAt = now + 24 * 3_600_000 + 1000
    const inputs: WatchInputs = {
      enabledPolicies: () => [],
      availableExpiringIn: (from, to) =>
        expiresAt > from && expiresAt <= to
          ? [{ connectionId: 'c', backupId: 'b', backupName: 'b', clusterId: 'k', clusterName: 'k', createTimeMs: now - 1, expireTimeMs: expiresAt, isNewest: false }]
          : [],
      availableExpiringBetween: () => [],
      nextExpiryAfter: (after) => (expiresAt > after ? expiresAt : null),
      creatingSince: () => [],
      nextCreatingAfter: () => null,
      failedJobsEndedIn: () => [],
      clustersWithAutoBackupIn: () => new Set(),
      connectionAddedAt: () => null,
      lastSuccessfulSync: () => null
    }
    const watcher = createWatcher({
      inputs, ledger, settings: kv, clock: systemClock, scheduler: real,
      notifier: { show: (n) => shown.push(n), setSummary: () => undefined },
      events: new EventBus(), logger: silentLogger, options: { timeZone: 'UTC' }
    })
    watcher.start()
    expect(shown).toEqual([])
    expect(real.list()).toHaveLength(1)
    vi.advanceTimersByTime(999)
    expect(shown).toEqual([])
    vi.advanceTimersByTime(500)
    expect(shown.map((n) => n.kind)).toEqual(['expiring'])
    watcher.stop()
    expect(real.list()).toEqual([])
  })
})

describe('NodeScheduleScheduler before node-schedule has loaded (a fresh host)', () => {
  it('lists an entry at once, arms it when the module arrives, and never runs one cancelled meanwhile', async () => {
    vi.resetModules()
    const { NodeScheduleScheduler: FreshScheduler } = await import('#core/schedule/node-schedule-scheduler')
    const fresh = new FreshScheduler()
    const start = Date.now()
    const ran: string[] = []
    fresh.schedule('due', start + 300, () => ran.push(`due at ${Date.now() - start}`))
    fresh.schedule('cancelled', start + 100, () => ran.push('cancelled'))
    fresh.schedule('replaced', start + 100, () => ran.push('replaced (first)'))
    fresh.schedule('replaced', start + 200, () => ran.push(`replaced at ${Date.now() - start}`))
    fresh.cancel('cancelled')
    expect(fresh.list()).toEqual([{ id: 'due', atMs: start + 300 }, { id: 'replaced', atMs: start + 200 }])
    await fresh.ready()
    vi.advanceTimersByTime(199)
    expect(ran).toEqual([])
    vi.advanceTimersByTime(1_000)
    expect(ran).toEqual(['replaced at 200', 'due at 300'])
    expect(fresh.list()).toEqual([])
    fresh.stop()
  })
})

