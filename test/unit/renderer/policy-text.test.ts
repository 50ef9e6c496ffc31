import { describe, expect, it } from 'vitest'
import { policySummary, weekdaysText, windowText } from '../../../src-renderer/lib/policy/policy-text.ts'
import { localAndUtcText, localWindowText, relativeText } from '../../../src-renderer/lib/policy/time-text.ts'

describe('policySummary', () => {
  it('summarises an enabled policy in one line', () => {
    expect(policySummary({ enabled: true, frequency: '1,3,5', startTime: '02:00-04:00', retentionDays: 7 })).toBe('Mon, Wed, Fri · 02:00–04:00 UTC · 7 days')
  })
  it('says Disabled for a disabled policy and counts copies', () => {
    expect(policySummary({ enabled: false, frequency: '', startTime: '', retentionDays: 0 })).toBe('Disabled')
    expect(policySummary({ enabled: true, frequency: '7', startTime: '22:00-00:00', retentionDays: 1, crossRegionCopies: [{ regionId: 'aws-us-east-1', retentionDays: 3 }] })).toBe(
      'Sun · 22:00–00:00 UTC · 1 day · 1 cross-region copy'
    )
  })
  it('names common weekday sets', () => {
    expect(weekdaysText([7, 6, 5, 4, 3, 2, 1])).toBe('Every day')
    expect(weekdaysText([1, 2, 3, 4, 5])).toBe('Mon–Fri')
    expect(windowText('bad')).toBe('bad')
  })
})

describe('time text', () => {
  it('shows the UTC window in local time, DST included', () => {
    expect(localWindowText('02:00-04:00', 'Europe/Berlin', Date.parse('2026-07-06T12:00:00Z'))).toBe('04:00–06:00 in Europe/Berlin')
    expect(localWindowText('02:00-04:00', 'Europe/Berlin', Date.parse('2026-01-06T12:00:00Z'))).toBe('03:00–05:00 in Europe/Berlin')
    expect(localWindowText('02:00-04:00', 'America/New_York', Date.parse('2026-01-06T12:00:00Z'))).toBe('21:00–23:00 in America/New_York (previous day)')
    expect(localWindowText('23:00-01:00', 'Asia/Tokyo', Date.parse('2026-01-06T12:00:00Z'))).toBe('08:00–10:00 in Asia/Tokyo (next day)')
  })
  it('describes ages and countdowns', () => {
    const now = Date.parse('2026-07-06T12:00:00Z')
    expect(relativeText('2026-07-06T09:00:00Z', now)).toBe('3 h ago')
    expect(relativeText('2026-07-08T12:00:00Z', now)).toBe('in 2 days')
    expect(relativeText('2026-07-06T11:59:30Z', now)).toBe('just now')
  })
})

describe('localAndUtcText', () => {
  it('gives the weekday, the offset and UTC, with the UTC date only when it differs', () => {
    expect(localAndUtcText('2026-11-25T22:00:00Z', 'Europe/Berlin')).toEqual({
      local: 'Wed 25 Nov 23:00 (UTC+01:00)',
      utc: '22:00 UTC',
      text: 'Wed 25 Nov 23:00 (UTC+01:00) · 22:00 UTC'
    })
    expect(localAndUtcText('2026-11-25T23:30:00Z', 'Europe/Berlin').utc).toBe('Wed 25 Nov 23:30 UTC')
    expect(localAndUtcText('nope', 'UTC').text).toBe('nope')
  })
})
