import { describe, expect, it } from 'vitest'
import { diffPolicies } from '../../../src-renderer/lib/policy/policy-diff.ts'
import { DEFAULT_FORM, daysFromInput, formIssues, formToPolicy, issuesFor, policyToForm, windowFromStart, windowStartOptions } from '../../../src-renderer/lib/policy/policy-form.ts'
import { groupByLocalDay } from '../../../src-renderer/lib/policy/timeline.ts'

describe('policy form', () => {
  it('round-trips a policy', () => {
    const policy = { enabled: true, frequency: '1,3,5', startTime: '22:00-00:00', retentionDays: 14, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 3 }] }
    expect(formToPolicy(policyToForm(policy))).toEqual(policy)
  })
  it('makes the two-hour window from its start', () => {
    expect(windowFromStart('23:00')).toBe('23:00-01:00')
    expect(windowFromStart('')).toBe('')
    expect(windowStartOptions('02:30')).toContain('02:30')
    expect(windowStartOptions('02:00')).toHaveLength(24)
  })
  it('refuses what the API refuses, field by field', () => {
    const issues = formIssues({ ...DEFAULT_FORM, weekdays: [], retentionDays: 45, copies: [{ regionId: '', retentionDays: 31 }] })
    expect(issuesFor(issues, 'retentionDays')).toEqual(['Retention must be between 1 and 30 days.'])
    expect(issuesFor(issues, 'frequency')).toEqual(['Choose at least one weekday.'])
    expect(issuesFor(issues, 'crossRegionCopies')).toHaveLength(2)
    expect(formIssues({ ...DEFAULT_FORM, retentionDays: null })).toHaveLength(1)
  })
  it('reads an empty days field as missing and keeps a typed number for the rules to judge', () => {
    expect(daysFromInput('  ')).toBeNull()
    expect(daysFromInput(' 14 ')).toBe(14)
    expect(daysFromInput('4.5')).toBe(4.5)
    expect(issuesFor(formIssues({ ...DEFAULT_FORM, retentionDays: daysFromInput('4.5') }), 'retentionDays')).toEqual(['Retention must be between 1 and 30 days.'])
  })
  it('has no rules for a disabled policy and sends the empty form when its schedule is invalid', () => {
    const form = { ...DEFAULT_FORM, enabled: false, retentionDays: 45 }
    expect(formIssues(form)).toEqual([])
    expect(formToPolicy(form)).toEqual({ enabled: false, frequency: '', startTime: '', retentionDays: 0, crossRegionCopies: [] })
    expect(formToPolicy({ ...DEFAULT_FORM, enabled: false }).frequency).toBe('1,2,3,4,5,6,7')
  })
  it('reads a missing policy as disabled with the defaults', () => {
    expect(policyToForm(null)).toMatchObject({ enabled: false, retentionDays: 7, windowStart: '00:00' })
  })
})

describe('diffPolicies', () => {
  it('shows each field before and after', () => {
    const rows = diffPolicies({ enabled: true, frequency: '1,3,5', startTime: '02:00-04:00', retentionDays: 7 }, { enabled: true, frequency: '1,3,5', startTime: '03:00-05:00', retentionDays: 14 })
    expect(rows.filter((r) => r.isChanged)).toEqual([
      { field: 'Window', before: '02:00–04:00 UTC', after: '03:00–05:00 UTC', isChanged: true },
      { field: 'Retention', before: '7 days', after: '14 days', isChanged: true }
    ])
  })
  it('reduces a disabled side to Enabled: no', () => {
    const rows = diffPolicies(null, { enabled: false, frequency: '', startTime: '', retentionDays: 0 })
    expect(rows[0]).toEqual({ field: 'Enabled', before: 'unknown', after: 'no', isChanged: true })
  })
})

describe('groupByLocalDay', () => {
  it('groups by the local day and labels today and tomorrow', () => {
    const now = Date.parse('2026-07-06T10:00:00Z')
    const days = groupByLocalDay(
      [
        { kind: 'window', clusterId: 'a', clusterName: 'A', start: '2026-07-07T23:00:00Z', end: '2026-07-08T01:00:00Z' },
        { kind: 'window', clusterId: 'a', clusterName: 'A', start: '2026-07-06T12:00:00Z', end: '2026-07-06T14:00:00Z' }
      ],
      'Europe/Berlin',
      now
    )
    expect(days.map((d) => d.label)).toEqual(['Today · Monday 6 Jul', 'Wednesday 8 Jul'])
  })
})
