import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BackupPolicy } from '#contract/models/policy'
import { clusterHealth, FIRST_BACKUP_GRACE_MS, healthSteadyUntil, type ClusterSituation } from '#core/fleet/health'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Wednesday 11 June 2025, 12:00 UTC: every generated instant lies within 20 days of it. */
const NOW = Date.UTC(2025, 5, 11, 12, 0)
const DAILY: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }
const WEEKLY: BackupPolicy = { enabled: true, frequency: '3', startTime: '02:00-04:00', retentionDays: 7 }
const OFF: BackupPolicy = { enabled: false, frequency: '', startTime: '', retentionDays: 0 }

/** An instant near NOW, or none; minutes apart so that thresholds land on and beside the instants tested. */
const instant = fc.option(fc.integer({ min: -20 * 24 * 60, max: 2 * 60 }).map((minutes) => NOW + minutes * 60_000), { nil: null })

const situation: fc.Arbitrary<ClusterSituation> = fc.record({
  deployment: fc.constantFrom('Dedicated' as const, 'Serverless' as const),
  status: fc.constantFrom('RUNNING', 'CREATING', 'STOPPED'),
  policy: fc.constantFrom(DAILY, WEEKLY, OFF, null),
  enabledAtMs: instant,
  newestGoodMs: instant,
  creatingSinceMs: instant,
  lastFailedJob: fc.option(fc.record({ endMs: fc.integer({ min: NOW - 20 * DAY, max: NOW }), action: fc.constantFrom('first-backup' as const, 'create-backup' as const, 'restore-cluster' as const) }), { nil: null }),
  lastMissedMs: instant,
  lastUnverifiedMs: instant,
  firstBackupNotStartedMs: instant
})

// The setting's range is 1 h to 7 days (contract limits `stuckLimitHours`): beyond a policy's allowed gap too.
const stuckLimitMs = fc.constantFrom(HOUR, 6 * HOUR, 24 * HOUR, 3 * DAY, 7 * DAY)
const judged = (s: ClusterSituation, nowMs: number, limit: number): string => {
  const { level, cause } = clusterHealth(s, { nowMs, stuckLimitMs: limit })
  return `${level}/${cause}`
}

describe('how long a cluster health answer holds as time passes (healthSteadyUntil)', () => {
  it('the level and cause stay the same at every instant from now until the steady-until instant', () => {
    fc.assert(
      fc.property(situation, stuckLimitMs, fc.integer({ min: -DAY, max: DAY }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), (s, limit, offset, fractions) => {
        const nowMs = NOW + offset
        const until = healthSteadyUntil(s, { nowMs, stuckLimitMs: limit })
        expect(until).toBeGreaterThanOrEqual(nowMs)
        const last = Number.isFinite(until) ? until - 1 : nowMs + 60 * DAY
        const answer = judged(s, nowMs, limit)
        for (const at of [last, ...fractions.map((f) => Math.floor(nowMs + f * (last - nowMs)))]) {
          if (at >= nowMs) expect(judged(s, at, limit), `at now + ${at - nowMs} ms`).toBe(answer)
        }
      }),
      { numRuns: 3000 }
    )
  })

  it('names the instant a backup becomes stuck: a backup creating for 50 min holds "first backup running" for 10 min more under a 1 h limit', () => {
    const s: ClusterSituation = {
      deployment: 'Dedicated', status: 'RUNNING', policy: DAILY, enabledAtMs: null, newestGoodMs: null,
      creatingSinceMs: NOW - 50 * 60_000, lastFailedJob: null, lastMissedMs: null, lastUnverifiedMs: null, firstBackupNotStartedMs: null
    }
    const until = healthSteadyUntil(s, { nowMs: NOW, stuckLimitMs: HOUR })
    expect(until).toBe(NOW + 10 * 60_000)
    expect(judged(s, until - 1, HOUR)).toBe('pending/first-backup-running')
    expect(judged(s, until + 1, HOUR)).toBe('failing/no-backup')
  })

  it('a protected cluster turns too old when its newest backup passes the policy’s longest gap plus a day', () => {
    const s: ClusterSituation = {
      deployment: 'Dedicated', status: 'RUNNING', policy: DAILY, enabledAtMs: null, newestGoodMs: NOW - 5 * HOUR,
      creatingSinceMs: null, lastFailedJob: null, lastMissedMs: null, lastUnverifiedMs: null, firstBackupNotStartedMs: null
    }
    const until = healthSteadyUntil(s, { nowMs: NOW, stuckLimitMs: HOUR })
    expect(until).toBe(NOW - 5 * HOUR + 2 * DAY)
    expect(judged(s, until + 1, HOUR)).toBe('failing/backup-too-old')
  })

  it('nothing left that time can turn: steady for ever (a disabled policy with a good backup)', () => {
    const s: ClusterSituation = {
      deployment: 'Dedicated', status: 'RUNNING', policy: OFF, enabledAtMs: NOW - 30 * DAY, newestGoodMs: NOW - DAY,
      creatingSinceMs: null, lastFailedJob: null, lastMissedMs: null, lastUnverifiedMs: null, firstBackupNotStartedMs: null
    }
    expect(healthSteadyUntil(s, { nowMs: NOW, stuckLimitMs: HOUR })).toBe(Infinity)
    expect(FIRST_BACKUP_GRACE_MS).toBe(HOUR)
  })
})
