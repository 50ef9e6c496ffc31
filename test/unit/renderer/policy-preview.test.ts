import { describe, expect, it } from 'vitest'
import { coverage, gapText, keptText } from '../../../src-renderer/lib/policy/coverage.ts'
import { nextRuns, windowInProgress } from '../../../src-renderer/lib/policy/next-runs.ts'

const policy = (frequency: string, startTime: string, retentionDays: number) => ({ enabled: true, frequency, startTime, retentionDays })

describe('nextRuns', () => {
  // 2026-07-06 is a Monday.
  const monday10 = Date.parse('2026-07-06T10:00:00Z')

  it('lists the next windows on the policy weekdays, in UTC', () => {
    expect(nextRuns(policy('1,3,5', '02:00-04:00', 7), monday10, 3)).toEqual([
      { start: '2026-07-08T02:00:00.000Z', end: '2026-07-08T04:00:00.000Z' },
      { start: '2026-07-10T02:00:00.000Z', end: '2026-07-10T04:00:00.000Z' },
      { start: '2026-07-13T02:00:00.000Z', end: '2026-07-13T04:00:00.000Z' }
    ])
  })
  it('never lists a window that has already started or passed today as a next run', () => {
    const monday0300 = Date.parse('2026-07-06T03:00:00Z')
    const monday0500 = Date.parse('2026-07-06T05:00:00Z')
    expect(nextRuns(policy('1,2', '02:00-04:00', 7), monday0300, 1)).toEqual([{ start: '2026-07-07T02:00:00.000Z', end: '2026-07-07T04:00:00.000Z' }])
    expect(nextRuns(policy('1,2', '02:00-04:00', 7), monday0500, 1)).toEqual([{ start: '2026-07-07T02:00:00.000Z', end: '2026-07-07T04:00:00.000Z' }])
  })
  it('reports the window in progress apart, including one that crosses midnight', () => {
    const sunday2330 = Date.parse('2026-07-05T23:30:00Z')
    const monday0030 = Date.parse('2026-07-06T00:30:00Z')
    const crossing = { start: '2026-07-05T23:00:00.000Z', end: '2026-07-06T01:00:00.000Z' }
    expect(windowInProgress(policy('7', '23:00-01:00', 7), sunday2330)).toEqual(crossing)
    expect(windowInProgress(policy('7', '23:00-01:00', 7), monday0030)).toEqual(crossing)
    expect(nextRuns(policy('7', '23:00-01:00', 7), monday0030, 1)).toEqual([{ start: '2026-07-12T23:00:00.000Z', end: '2026-07-13T01:00:00.000Z' }])
    expect(windowInProgress(policy('7', '23:00-01:00', 7), Date.parse('2026-07-06T01:00:00Z'))).toBeNull()
  })
  it('returns nothing for a disabled or invalid policy', () => {
    expect(nextRuns({ ...policy('1', '02:00-04:00', 7), enabled: false }, monday10)).toEqual([])
    expect(nextRuns(policy('', '02:00-04:00', 7), monday10)).toEqual([])
    expect(nextRuns(policy('1', '2-4', 7), monday10)).toEqual([])
  })
  it('gives five runs by default for a daily policy', () => {
    expect(nextRuns(policy('1,2,3,4,5,6,7', '12:00-14:00', 7), monday10)).toHaveLength(5)
  })
})

describe('coverage', () => {
  it('counts backups kept and the longest gap', () => {
    const c = coverage(policy('1,3,5', '02:00-04:00', 21))
    expect(c).not.toBeNull()
    if (c === null) return
    expect(keptText(c)).toBe('about 9 backups kept at any time')
    expect(gapText(c)).toBe('longest gap: 3 days (Fri → Mon)')
    expect(c.hasUncoveredStretch).toBe(false)
  })
  it('gives a range when the count varies over the week', () => {
    const c = coverage(policy('1,3,5', '02:00-04:00', 7))
    expect(c === null ? '' : keptText(c)).toBe('about 3 backups kept at any time')
    const d = coverage(policy('1,3,5', '02:00-04:00', 2))
    expect(d === null ? '' : keptText(d)).toBe('between 0 and 1 backups kept at any time')
    expect(d?.hasUncoveredStretch).toBe(true)
  })
  it('treats one weekday as a weekly gap and ignores disabled policies', () => {
    const c = coverage(policy('7', '04:00-06:00', 30))
    expect(c === null ? '' : gapText(c)).toBe('longest gap: 7 days (Sun → Sun)')
    expect(coverage({ ...policy('7', '04:00-06:00', 30), enabled: false })).toBeNull()
  })
})
