import { describe, expect, it } from 'vitest'
import { projectWindows, utcWeekday } from '#core/schedule/projection'
import type { WatchPolicy } from '#core/schedule/watch-inputs'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2 March 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 2, 2)

function policy(clusterId: string, frequency: string, startTime = '02:00-04:00'): WatchPolicy {
  return { clusterId, clusterName: clusterId, connectionId: 'c', frequency, startTime, retentionDays: 7 }
}

/** Every non-empty weekday set, as the API spells it. */
const ALL_SETS = Array.from({ length: 127 }, (_, i) =>
  [1, 2, 3, 4, 5, 6, 7].filter((d) => (i + 1) & (1 << (d - 1))).join(',')
)

describe('projectWindows', () => {
  it('knows the weekdays: 2 March 2026 is a Monday (1), 8 March a Sunday (7)', () => {
    expect(utcWeekday(MONDAY)).toBe(1)
    expect(utcWeekday(MONDAY + 6 * DAY + 23 * HOUR)).toBe(7)
  })

  it('projects every weekday set over five weeks: the right days, 2-hour windows, each week alike', () => {
    for (const frequency of ALL_SETS) {
      const days = frequency.split(',').map(Number)
      const windows = projectWindows([policy('k', frequency)], MONDAY, MONDAY + 35 * DAY)
      expect(windows).toHaveLength(days.length * 5)
      for (const w of windows) {
        expect(days).toContain(utcWeekday(w.startMs))
        expect(w.endMs - w.startMs).toBe(2 * HOUR)
        expect(new Date(w.startMs).getUTCHours()).toBe(2)
      }
      const firstWeek = windows.slice(0, days.length).map((w) => w.startMs + 7 * DAY)
      expect(windows.slice(days.length, 2 * days.length).map((w) => w.startMs)).toEqual(firstWeek)
    }
  })

  it('gives a window that crosses midnight UTC to the weekday it starts on', () => {
    const windows = projectWindows([policy('k', '7', '23:00-01:00')], MONDAY, MONDAY + 14 * DAY)
    expect(windows.map((w) => utcWeekday(w.startMs))).toEqual([7, 7, 7])
    expect(windows.map((w) => [new Date(w.startMs).toISOString(), new Date(w.endMs).toISOString()])).toEqual([
      // Sunday 1 March's window is still open at Monday 00:00, so it is part of the range.
      ['2026-03-01T23:00:00.000Z', '2026-03-02T01:00:00.000Z'],
      ['2026-03-08T23:00:00.000Z', '2026-03-09T01:00:00.000Z'],
      ['2026-03-15T23:00:00.000Z', '2026-03-16T01:00:00.000Z']
    ])
  })

  it('includes a window still open at the start of the range, and sorts by start then cluster', () => {
    const policies = [policy('b', '1,2'), policy('a', '1,2'), policy('z', '7', '23:00-01:00')]
    const windows = projectWindows(policies, MONDAY + 30 * 60_000, MONDAY + 2 * DAY)
    expect(windows.map((w) => `${w.clusterId}@${new Date(w.startMs).toISOString().slice(5, 16)}`)).toEqual([
      'z@03-01T23:00',
      'a@03-02T02:00',
      'b@03-02T02:00',
      'a@03-03T02:00',
      'b@03-03T02:00'
    ])
  })

  it('skips policies the API would refuse and returns nothing for an empty range', () => {
    expect(projectWindows([policy('k', ''), policy('k', '1', '2am')], MONDAY, MONDAY + 7 * DAY)).toEqual([])
    expect(projectWindows([policy('k', '1')], MONDAY, MONDAY)).toEqual([])
  })
})
