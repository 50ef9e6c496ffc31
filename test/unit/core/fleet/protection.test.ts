import { describe, expect, it } from 'vitest'
import { HEALTH_CAUSES, type HealthCause, type HealthLevel } from '#contract/health'
import { achievedRpo, formatGap, protectionClassOf, RPO_PERIOD_MS } from '#contract/protection'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Date.UTC(2026, 2, 31, 12)

describe('achieved RPO', () => {
  it('daily backups: the longest gap is one day and the current gap is the age of the newest', () => {
    const times = Array.from({ length: 30 }, (_, i) => NOW - (30 - i) * DAY + 2 * HOUR)
    expect(achievedRpo(times, NOW)).toEqual({ longestGapMs: DAY, currentGapMs: NOW - (times.at(-1) ?? 0) })
  })

  it('weekends only: the Monday-to-Saturday hole is the achieved RPO', () => {
    // Saturdays and Sundays of March 2026 at 02:00 UTC.
    const times = [7, 8, 14, 15, 21, 22, 28, 29].map((d) => Date.UTC(2026, 2, d, 2))
    expect(achievedRpo(times, NOW).longestGapMs).toBe(6 * DAY)
  })

  it('a backup before the period counts only from the period start', () => {
    const start = NOW - RPO_PERIOD_MS
    const times = [start - 10 * DAY, start + 2 * DAY, start + 3 * DAY]
    expect(achievedRpo(times, NOW).longestGapMs).toBe(2 * DAY)
  })

  it('an expired or deleted good backup still closes a gap (the history supplies it)', () => {
    const withDeleted = [NOW - 10 * DAY, NOW - 5 * DAY, NOW - DAY]
    const withoutDeleted = [NOW - 10 * DAY, NOW - DAY]
    expect(achievedRpo(withDeleted, NOW).longestGapMs).toBe(5 * DAY)
    expect(achievedRpo(withoutDeleted, NOW).longestGapMs).toBe(9 * DAY)
  })

  it('no good backup: both figures are unknown; one backup: only the current gap', () => {
    expect(achievedRpo([], NOW)).toEqual({ longestGapMs: null, currentGapMs: null })
    expect(achievedRpo([NOW - 3 * HOUR], NOW)).toEqual({ longestGapMs: null, currentGapMs: 3 * HOUR })
  })

  it('words a gap as an admin reads it', () => {
    expect([formatGap(null), formatGap(40 * 60_000), formatGap(5 * HOUR), formatGap(3 * DAY + 4 * HOUR), formatGap(6 * DAY)])
      .toEqual(['—', '40 min', '5 h', '3 d 4 h', '6 d'])
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
