import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HEALTH_CAUSES, type HealthCause, type HealthLevel } from '#contract/health'
import type { Backup } from '#contract/models/backup'
import { achievedRpo, formatGap, protectionClassOf, RPO_PERIOD_MS, rpoShortText, rpoSpanText, rpoText, watchedMs } from '#contract/protection'
import { protectionFigures } from '#core/fleet/protection-figures'
import { recordClusterWatch } from '#core/store/cluster-watch.repo'
import type { StoreDatabase } from '#core/store/database'
import { clearCache, replaceBackups, replaceClusters, replacePolicies } from '#core/store/mirror.repo'
import { listObservedBackups, recordObservedBackups } from '#core/store/observed-backups.repo'
import { knownSinceTimes } from '#core/store/protection.query'
import { CONNECTION_ID, makeTempDir, openWithConnection } from '../store/store-fixtures.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Date.UTC(2026, 2, 31, 12)
/** Known for a year: the whole 30-day period counts. */
const LONG_AGO = NOW - 365 * DAY

describe('achieved RPO', () => {
  it('daily backups: the RPO is one day and the current gap is the age of the newest', () => {
    const times = Array.from({ length: 30 }, (_, i) => NOW - (30 - i) * DAY + 2 * HOUR)
    expect(achievedRpo(times, NOW, LONG_AGO)).toMatchObject({ rpoMs: DAY, longestClosedGapMs: DAY, currentGapMs: NOW - (times.at(-1) ?? 0) })
  })

  it('weekends only: the Monday-to-Saturday hole is the achieved RPO', () => {
    // Saturdays and Sundays of March 2026 at 02:00 UTC.
    const times = [7, 8, 14, 15, 21, 22, 28, 29].map((d) => Date.UTC(2026, 2, d, 2))
    expect(achievedRpo(times, NOW, LONG_AGO).rpoMs).toBe(6 * DAY)
  })

  it('a backup before the period counts only from the period start', () => {
    const start = NOW - RPO_PERIOD_MS
    const times = [start - 10 * DAY, start + 2 * DAY, start + 3 * DAY]
    expect(achievedRpo(times, NOW, LONG_AGO).longestClosedGapMs).toBe(2 * DAY)
  })

  it('an expired or deleted good backup still closes a gap (the history supplies it)', () => {
    const withDeleted = [NOW - 10 * DAY, NOW - 5 * DAY, NOW - DAY]
    const withoutDeleted = [NOW - 10 * DAY, NOW - DAY]
    expect(achievedRpo(withDeleted, NOW, LONG_AGO).rpoMs).toBe(5 * DAY)
    expect(achievedRpo(withoutDeleted, NOW, LONG_AGO).rpoMs).toBe(9 * DAY)
  })

  it('no good backup ever: the RPO is the whole counted time, the current gap unknown; one backup: the RPO is its age', () => {
    expect(achievedRpo([], NOW, LONG_AGO)).toMatchObject({ rpoMs: RPO_PERIOD_MS, longestClosedGapMs: null, currentGapMs: null })
    expect(achievedRpo([NOW - 3 * HOUR], NOW, LONG_AGO)).toMatchObject({ rpoMs: 3 * HOUR, longestClosedGapMs: null, currentGapMs: 3 * HOUR })
  })

  it('words a gap as an admin reads it', () => {
    expect([formatGap(null), formatGap(40 * 60_000), formatGap(5 * HOUR), formatGap(3 * DAY + 4 * HOUR), formatGap(6 * DAY)])
      .toEqual(['—', '40 min', '5 h', '3 d 4 h', '6 d'])
  })
})

describe('achieved RPO includes the open gap: the time since the newest good backup', () => {
  /** Daily good backups at 02:00 UTC, `fromDay` to `toDay` days before NOW (inclusive). */
  const dailies = (fromDay: number, toDay: number): number[] =>
    Array.from({ length: fromDay - toDay + 1 }, (_, k) => NOW - (fromDay - k) * DAY - 10 * HOUR)

  it('open gap longer than every closed one: 13 days without a good backup after dailies read 13 days, not 1', () => {
    const rpo = achievedRpo(dailies(29, 13), NOW, LONG_AGO)
    expect(rpo).toMatchObject({ rpoMs: 13 * DAY + 10 * HOUR, longestClosedGapMs: DAY, currentGapMs: 13 * DAY + 10 * HOUR })
  })

  it('open gap shorter than a closed one: the closed gap stays the RPO', () => {
    const times = [...dailies(29, 12), ...dailies(5, 0)]
    expect(achievedRpo(times, NOW, LONG_AGO)).toMatchObject({ rpoMs: 7 * DAY, longestClosedGapMs: 7 * DAY, currentGapMs: 10 * HOUR })
  })

  it('no good backup since the counted time started: the whole counted time, however old the newest good one', () => {
    const old = dailies(45, 35)
    expect(achievedRpo(old, NOW, LONG_AGO)).toMatchObject({ rpoMs: RPO_PERIOD_MS, longestClosedGapMs: null, currentGapMs: 35 * DAY + 10 * HOUR })
    expect(achievedRpo(dailies(20, 8), NOW, NOW - 5 * DAY)).toMatchObject({ rpoMs: 5 * DAY, watchedMs: 5 * DAY })
  })

  it('never known, or known only from now: no RPO, whatever the backups', () => {
    expect(achievedRpo(dailies(20, 8), NOW, null).rpoMs).toBeNull()
    expect(achievedRpo([], NOW, NOW).rpoMs).toBeNull()
    expect(achievedRpo(dailies(20, 8), NOW, NOW + HOUR).rpoMs).toBeNull()
  })
})

describe('achieved RPO counts only time the app could have seen', () => {
  it('a cluster watched for 40 days uses the full 30: a gap across the period start counts from it', () => {
    const times = [NOW - 35 * DAY, NOW - 25 * DAY, NOW - 24 * DAY]
    expect(achievedRpo(times, NOW, NOW - 40 * DAY)).toMatchObject({ longestClosedGapMs: 5 * DAY, fromMs: NOW - RPO_PERIOD_MS, watchedMs: RPO_PERIOD_MS })
  })

  it('a backup from before "known since" starts the first gap only at "known since"', () => {
    const times = [NOW - 28 * DAY, NOW - 6 * DAY, NOW - 5 * DAY]
    expect(achievedRpo(times, NOW, NOW - 7 * DAY)).toMatchObject({ longestClosedGapMs: DAY, fromMs: NOW - 7 * DAY, watchedMs: 7 * DAY })
  })

  it('a cluster no complete sync has listed counts nothing', () => {
    expect(achievedRpo([NOW - 3 * DAY, NOW - DAY], NOW, null)).toMatchObject({ rpoMs: null, longestClosedGapMs: null, watchedMs: 0, currentGapMs: DAY })
  })

  it('every display names a counted time shorter than the period', () => {
    expect([rpoText(3 * DAY + 2 * HOUR, 12 * DAY + 3 * HOUR), rpoText(3 * DAY, 31 * DAY), rpoText(null, 2 * DAY), rpoText(HOUR, 5 * HOUR)])
      .toEqual(['3 d 2 h over the 12 d 3 h watched', '3 d', '—', '1 h over the 5 h watched'])
    expect([rpoSpanText(RPO_PERIOD_MS), rpoSpanText(DAY), rpoSpanText(12 * DAY)]).toEqual(['30 days', '24 h watched', '12 d watched'])
    // The Fleet row's short form still says it, in fewer letters: whole days, rounded up, from two days on.
    expect([rpoShortText(3 * DAY + 2 * HOUR, 12 * DAY + 3 * HOUR), rpoShortText(3 * DAY, 31 * DAY), rpoShortText(null, 2 * DAY), rpoShortText(HOUR, 5 * HOUR)])
      .toEqual(['3 d 2 h over 13 d', '3 d', '—', '1 h over 5 h'])
  })

  it('never names a span shorter than the RPO counted over it (the gap as long as the time watched)', () => {
    expect([rpoText(40 * HOUR, 40 * HOUR), rpoShortText(40 * HOUR, 40 * HOUR)]).toEqual(['40 h over the 40 h watched', '40 h over 40 h'])
    const almostSix = 5 * DAY + 22 * HOUR
    expect([rpoText(almostSix, almostSix), rpoShortText(almostSix, almostSix)]).toEqual(['5 d 22 h over the 5 d 22 h watched', '5 d 22 h over 6 d'])
    // The displays derive the span from the answer's fixed "known since" and their own clock.
    const since = new Date(NOW - 12 * DAY).toISOString()
    expect([watchedMs(since, NOW), watchedMs(since, NOW + 40 * DAY), watchedMs(null, NOW)]).toEqual([12 * DAY, RPO_PERIOD_MS, 0])
  })
})

describe('known since: recorded by the first sync, kept by the ones after', () => {
  const CLUSTER = 'in01-orders'
  const OK = new Map([[CLUSTER, { level: 'ok' as const, cause: 'protected' as const }]])
  let db: StoreDatabase
  let cleanup: () => void
  beforeEach(() => {
    const tmp = makeTempDir()
    cleanup = tmp.cleanup
    db = openWithConnection(`${tmp.dir}/store.db`)
  })
  afterEach(() => {
    db.close()
    cleanup()
  })

  const backup = (id: string, method: 'AUTO' | 'MANUAL', createMs: number, expireMs: number | null): Backup => ({
    backupId: id, backupName: id, clusterId: CLUSTER, clusterName: 'orders-prod', projectId: 'proj-1', connectionId: CONNECTION_ID,
    backupType: 'CLUSTER', creationMethod: method, status: 'AVAILABLE', size: 1, createTime: new Date(createMs).toISOString(),
    expireTime: expireMs === null ? null : new Date(expireMs).toISOString()
  })
  /** A daily AUTO backup at 02:00 UTC, `daysAgo` days before NOW, kept `retentionDays`. */
  const daily = (daysAgo: number, retentionDays = 7): Backup => {
    const created = NOW - daysAgo * DAY - 10 * HOUR
    return backup(`auto-${String(daysAgo)}`, 'AUTO', created, created + retentionDays * DAY)
  }
  /** What a complete sync at `atMs` does: List Backups shows only what has not expired yet, as Zilliz Cloud does. */
  const syncAt = (atMs: number, made: readonly Backup[]): void => {
    const listed = made.filter((b) => Date.parse(b.createTime) <= atMs && (b.expireTime === null || Date.parse(b.expireTime) > atMs))
    replaceClusters(db, CONNECTION_ID, [{ clusterId: CLUSTER, clusterName: 'orders-prod', projectId: 'proj-1', connectionId: CONNECTION_ID, regionId: 'aws-us-west-2', plan: 'Enterprise', deployment: 'Dedicated', cuType: 'Performance-optimized', cuSize: 4, status: 'RUNNING', createTime: null }])
    replacePolicies(db, CONNECTION_ID, [{ clusterId: CLUSTER, readAt: new Date(atMs).toISOString(), policy: { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 } }])
    replaceBackups(db, CONNECTION_ID, listed)
    recordObservedBackups(db, CONNECTION_ID, atMs)
    recordClusterWatch(db, CONNECTION_ID, atMs)
  }
  const figuresAt = (atMs: number) => protectionFigures(db, { connectionId: CONNECTION_ID }, OK, atMs).get(CLUSTER)

  it('first sync with only a 28-day-old manual and 7 days of dailies: no 21-day gap', () => {
    const made = [backup('manual-28', 'MANUAL', NOW - 28 * DAY, null), ...Array.from({ length: 40 }, (_, k) => daily(k + 1))]
    syncAt(NOW, made)
    // Counted from the oldest daily still listed (the policy keeps 7 days, so every daily since was listed); the
    // worst gap is the open one since yesterday's daily at 02:00.
    expect(figuresAt(NOW)).toMatchObject({ rpoMs: DAY + 10 * HOUR, knownSince: new Date(NOW - 6 * DAY - 10 * HOUR).toISOString() })
    // Without "known since" the same history reads as the false 21-day gap this rule exists for.
    const good = listObservedBackups(db, { clusterIds: [CLUSTER] }).map((o) => o.createMs).sort((a, b) => a - b)
    expect(achievedRpo(good, NOW, LONG_AGO).rpoMs).toBeGreaterThan(20 * DAY)
  })

  it('a real 3-day gap after the first sync is still counted', () => {
    const made = Array.from({ length: 15 }, (_, k) => daily(k + 1)).filter((b) => !['auto-4', 'auto-5'].includes(b.backupId))
    for (let day = 10; day >= 0; day--) syncAt(NOW - day * DAY, made)
    expect(figuresAt(NOW)).toMatchObject({ rpoMs: 3 * DAY })
  })

  it('a listed daily kept shorter than the oldest one has existed: known since is the first sync itself', () => {
    // Retention was 7 days, then 3: dailies made in between may have expired unseen.
    const made = [...Array.from({ length: 6 }, (_, k) => daily(k + 3)), daily(2, 3), daily(1, 3)]
    syncAt(NOW, made)
    expect(knownSinceTimes(db, { connectionId: CONNECTION_ID }).get(CLUSTER)).toBe(NOW)
    // Nothing good since: the two days counted are one open gap.
    expect(figuresAt(NOW + 2 * DAY)).toMatchObject({ rpoMs: 2 * DAY, knownSince: new Date(NOW).toISOString() })
  })

  it('a cluster that cannot be backed up has no achieved RPO, however long it is watched without a good backup', () => {
    syncAt(NOW, [])
    const notEligible = new Map([[CLUSTER, { level: 'unknown' as const, cause: 'not-eligible' as const }]])
    expect(figuresAt(NOW + 5 * DAY)).toMatchObject({ rpoMs: 5 * DAY })
    expect(protectionFigures(db, { connectionId: CONNECTION_ID }, notEligible, NOW + 5 * DAY).get(CLUSTER)).toMatchObject({ class: 'not-eligible', rpoMs: null })
  })

  it('one path: a cluster known for 6 days and the same one 60 days later read the history with the same one statement', () => {
    syncAt(NOW, Array.from({ length: 20 }, (_, k) => daily(k + 1)))
    const historyReads = (atMs: number): string[] => {
      const prepare = vi.spyOn(db, 'prepare')
      figuresAt(atMs)
      const sql = prepare.mock.calls.map(([statement]) => statement).filter((statement) => /\bobserved_backups\b/.test(statement))
      prepare.mockRestore()
      return sql
    }
    const recent = historyReads(NOW)
    expect(recent).toHaveLength(1)
    expect(historyReads(NOW + 60 * DAY)).toEqual(recent)
  })

  it('a cache rebuild keeps "known since"', () => {
    const made = Array.from({ length: 20 }, (_, k) => daily(k + 1))
    syncAt(NOW - 5 * DAY, made)
    const first = knownSinceTimes(db, { connectionId: CONNECTION_ID }).get(CLUSTER)
    expect(first).toBe(NOW - 11 * DAY - 10 * HOUR)
    clearCache(db)
    syncAt(NOW, made)
    expect(knownSinceTimes(db, { connectionId: CONNECTION_ID }).get(CLUSTER)).toBe(first)
    expect(figuresAt(NOW)).toMatchObject({ rpoMs: DAY + 10 * HOUR, knownSince: new Date(NOW - 11 * DAY - 10 * HOUR).toISOString() })
  })
})

describe('protection class from the one health', () => {
  const cases: [HealthLevel, HealthCause, string][] = [
    ['ok', 'protected', 'protected'],
    ['failing', 'missed', 'unprotected'],
    ['failing', 'no-backup', 'unprotected'],
    ['warning', 'policy-disabled', 'at-risk'],
    ['pending', 'first-backup-running', 'at-risk'],
    ['unknown', 'not-read', 'at-risk'],
    ['unknown', 'not-eligible', 'not-eligible']
  ]
  for (const [level, cause, expected] of cases) {
    it(`${level} / ${cause} → ${expected}`, () => expect(protectionClassOf(level, cause)).toBe(expected))
  }
  it('classes every health cause', () => {
    for (const cause of HEALTH_CAUSES) expect(['protected', 'at-risk', 'unprotected', 'not-eligible']).toContain(protectionClassOf('warning', cause))
  })
})
