import { describe, expect, it } from 'vitest'
import type { BackupPolicy } from '#contract/models/policy'
import { isProduction, lintPolicy, summarizeLint, type LintSubject } from '#contract/policy-lint'

/** Wednesday 4 March 2026, noon UTC. */
const NOW = Date.UTC(2026, 2, 4, 12)
const nightly: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }

function subject(overrides: Partial<LintSubject> = {}): LintSubject {
  return { policy: nightly, regionId: 'aws-us-west-2', projectName: 'Staging', connectionTag: null, timeZone: 'UTC', nowMs: NOW, ...overrides }
}
const ids = (s: LintSubject): string[] => lintPolicy(s).map((f) => f.ruleId)

describe('policy lint', () => {
  it('office hours are judged per time zone and per week, however often the same schedule is linted', () => {
    const morning = { ...nightly, startTime: '08:00-10:00' }
    // 08:00–10:00 UTC is 09:00–11:00 in Berlin (office hours) and midnight in Los Angeles, asked in turn twice.
    for (let round = 0; round < 2; round++) {
      expect(ids(subject({ policy: morning, timeZone: 'Europe/Berlin' }))).toEqual(['window-in-office-hours'])
      expect(ids(subject({ policy: morning, timeZone: 'America/Los_Angeles' }))).toEqual([])
    }
    // Late-March DST: in the week of 30 March Berlin is UTC+2, so 07:00–08:00 UTC becomes office hours (09:00).
    const early = { ...nightly, startTime: '07:00-08:00' }
    expect(ids(subject({ policy: early, timeZone: 'Europe/Berlin', nowMs: Date.UTC(2026, 2, 4, 12) }))).toEqual([])
    expect(ids(subject({ policy: early, timeZone: 'Europe/Berlin', nowMs: Date.UTC(2026, 3, 1, 12) }))).toEqual(['window-in-office-hours'])
  })

  it('a nightly policy kept a week on staging in UTC has no findings', () => {
    expect(lintPolicy(subject())).toEqual([])
  })

  it('weekends only with 1-day retention: retention shorter than the gap between backup days (warning)', () => {
    const [finding] = lintPolicy(subject({ policy: { ...nightly, frequency: '6,7', retentionDays: 1 } }))
    expect(finding).toMatchObject({ ruleId: 'retention-shorter-than-gap', severity: 'warning' })
    expect(finding?.message).toContain('6 d apart')
    expect(ids(subject({ policy: { ...nightly, frequency: '6,7', retentionDays: 6 } }))).toEqual([])
  })

  it('disabled prod: a disabled policy on a prod-tagged connection or a project named prod (warning)', () => {
    const disabled = { ...nightly, enabled: false }
    expect(ids(subject({ policy: disabled, connectionTag: 'prod' }))).toEqual(['disabled-on-prod'])
    expect(ids(subject({ policy: disabled, projectName: 'Production EU' }))).toEqual(['disabled-on-prod'])
    expect(ids(subject({ policy: disabled }))).toEqual([])
    expect(isProduction({ projectName: 'reproduction-lab', connectionTag: null })).toBe(false)
  })

  it('no cross-region copy on production is information, and a copy silences it', () => {
    expect(lintPolicy(subject({ connectionTag: 'prod' }))).toEqual([expect.objectContaining({ ruleId: 'no-copy-on-prod', severity: 'info' })])
    expect(ids(subject({ connectionTag: 'prod', policy: { ...nightly, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 7 }] } }))).toEqual([])
  })

  it('Azure copy: a cross-region copy on an Azure cluster is an error, listed first', () => {
    const findings = lintPolicy(subject({ regionId: 'az-eastus', connectionTag: 'prod', policy: { ...nightly, retentionDays: 1, frequency: '1', crossRegionCopies: [{ regionId: 'az-westeurope', retentionDays: 7 }] } }))
    expect(findings[0]).toMatchObject({ ruleId: 'copy-on-azure', severity: 'error' })
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning'])
  })

  it('a window in the office hours of the admin time zone is information naming the weekdays', () => {
    // 02:00–04:00 UTC is 10:00–12:00 in Tokyo: office hours on weekdays only.
    const [finding] = lintPolicy(subject({ timeZone: 'Asia/Tokyo' }))
    expect(finding).toMatchObject({ ruleId: 'window-in-office-hours', severity: 'info' })
    expect(finding?.message).toContain('Mon, Tue, Wed, Thu, Fri')
    expect(ids(subject({ timeZone: 'Asia/Tokyo', policy: { ...nightly, frequency: '6,7' } }))).toEqual([])
  })

  it('rules switched off in Settings give no findings', () => {
    expect(ids(subject({ timeZone: 'Asia/Tokyo', rulesOff: ['window-in-office-hours'] }))).toEqual([])
  })
})

describe('the Fleet row summary of findings', () => {
  it('counts every finding and names the worst severity, whatever their order; none is null', () => {
    const withCopy = { ...nightly, crossRegionCopies: [{ regionId: 'az-westeurope', retentionDays: 3 }] }
    const findings = lintPolicy(subject({ policy: withCopy, regionId: 'az-eastus', projectName: 'Production', timeZone: 'Asia/Tokyo' }))
    expect(findings.map((f) => f.severity)).toEqual(['error', 'info'])
    expect(summarizeLint([...findings].reverse())).toEqual({ worst: 'error', count: 2 })
    expect(summarizeLint(lintPolicy(subject({ policy: { enabled: false, frequency: '', startTime: '', retentionDays: 0 }, projectName: 'prod-eu' })))).toEqual({ worst: 'warning', count: 1 })
    expect(summarizeLint([])).toBeNull()
  })
})
