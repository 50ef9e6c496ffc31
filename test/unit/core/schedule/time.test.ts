import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatLocalAndUtc, MACHINE_ZONE, zonedParts } from '#contract/time'
import { isQuietAt, quietEndAfter } from '#core/schedule/quiet-hours'

describe('formatLocalAndUtc', () => {
  it('shows the same 02:00 UTC window at 03:00 then 04:00 in Berlin across the March DST change', () => {
    expect(formatLocalAndUtc('2026-03-28T02:00:00.000Z', 'Europe/Berlin')).toEqual({
      local: '2026-03-28 03:00',
      utc: '2026-03-28 02:00',
      offset: 'UTC+01:00',
      text: '2026-03-28 03:00 (UTC+01:00) · 02:00 UTC'
    })
    expect(formatLocalAndUtc('2026-03-29T02:00:00.000Z', 'Europe/Berlin').text).toBe(
      '2026-03-29 04:00 (UTC+02:00) · 02:00 UTC'
    )
    expect(formatLocalAndUtc('2026-10-25T02:00:00.000Z', 'Europe/Berlin').offset).toBe('UTC+01:00')
  })

  it('shows New York across its DST change, with the UTC date when it differs', () => {
    expect(formatLocalAndUtc('2026-03-08T02:00:00.000Z', 'America/New_York').text).toBe(
      '2026-03-07 21:00 (UTC-05:00) · 2026-03-08 02:00 UTC'
    )
    expect(formatLocalAndUtc('2026-03-09T02:00:00.000Z', 'America/New_York').text).toBe(
      '2026-03-08 22:00 (UTC-04:00) · 2026-03-09 02:00 UTC'
    )
  })

  it("reads UTC with Date's getters and agrees with Intl's UTC (Etc/UTC) at DST changes, year ends and leap days", () => {
    const edges = ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-10-25T00:59:59.999Z', '2026-10-25T01:00:00.000Z',
      '2026-03-08T07:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00.000Z',
      '2028-02-29T12:34:56.789Z', '1970-01-01T00:00:00.000Z']
    for (const iso of edges) expect(zonedParts(Date.parse(iso), 'UTC'), iso).toEqual(zonedParts(Date.parse(iso), 'Etc/UTC'))
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), (ms) => {
        expect(zonedParts(ms, 'UTC')).toEqual(zonedParts(ms, 'Etc/UTC'))
      })
    )
    // Beside a zone's own time, the UTC text is unchanged across Berlin's spring change.
    expect(formatLocalAndUtc('2026-03-29T00:59:00.000Z', 'Europe/Berlin').text).toBe('2026-03-29 01:59 (UTC+01:00) · 00:59 UTC')
    expect(formatLocalAndUtc('2026-03-29T01:00:00.000Z', 'Europe/Berlin').text).toBe('2026-03-29 03:00 (UTC+02:00) · 01:00 UTC')
  })

  it("reads the machine's own zone with Date's local getters and agrees with Intl's name for it across DST changes", () => {
    const zoneBefore = process.env['TZ']
    const edges = ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-10-25T00:59:59.999Z', '2026-10-25T01:00:00.000Z',
      '2026-03-08T06:59:00.000Z', '2026-03-08T07:00:00.000Z', '2026-11-01T05:59:00.000Z', '2026-11-01T06:00:00.000Z', '2028-02-29T23:30:00.000Z']
    try {
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Adelaide', 'UTC']) {
        process.env['TZ'] = zone
        expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone)
        for (const iso of edges) expect(zonedParts(Date.parse(iso), MACHINE_ZONE), `${zone} ${iso}`).toEqual(zonedParts(Date.parse(iso), zone))
        expect(formatLocalAndUtc(edges[1] ?? '', MACHINE_ZONE)).toEqual(formatLocalAndUtc(edges[1] ?? '', zone))
      }
    } finally {
      if (zoneBefore === undefined) delete process.env['TZ']
      else process.env['TZ'] = zoneBefore
    }
  })

  it('refuses what is not an instant', () => {
    expect(() => formatLocalAndUtc('yesterday', 'UTC')).toThrow(RangeError)
  })
})

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00' }

  it('spans midnight in local time', () => {
    expect(isQuietAt(Date.parse('2026-03-02T21:30:00Z'), night, 'Europe/Berlin')).toBe(true)
    expect(isQuietAt(Date.parse('2026-03-02T20:30:00Z'), night, 'Europe/Berlin')).toBe(false)
    expect(isQuietAt(Date.parse('2026-03-03T05:59:00Z'), night, 'Europe/Berlin')).toBe(true)
    expect(isQuietAt(Date.parse('2026-03-03T06:00:00Z'), night, 'Europe/Berlin')).toBe(false)
    expect(isQuietAt(Date.parse('2026-03-03T06:00:00Z'), null, 'Europe/Berlin')).toBe(false)
  })

  it('ends at 07:00 local even on the night the clocks go forward', () => {
    expect(new Date(quietEndAfter(Date.parse('2026-03-28T23:00:00Z'), night, 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T05:00:00.000Z'
    )
    expect(new Date(quietEndAfter(Date.parse('2026-03-02T23:00:00Z'), night, 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-03T06:00:00.000Z'
    )
    expect(new Date(quietEndAfter(Date.parse('2026-11-01T03:00:00Z'), night, 'America/New_York')).toISOString()).toBe(
      '2026-11-01T12:00:00.000Z'
    )
  })
})
