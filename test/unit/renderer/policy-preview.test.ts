import { describe, expect, it } from 'vitest'
import { coverage, gapText, keptText } from '../../../src-renderer/lib/policy/coverage.ts'

const policy = (frequency: string, startTime: string, retentionDays: number) => ({ enabled: true, frequency, startTime, retentionDays })

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
