import { describe, expect, it } from 'vitest'
import { nextWindows, scheduleOf, windowOpenAt, windowsBetween } from '#contract/backup-windows'

const policy = (frequency: string, startTime: string) => ({ enabled: true, frequency, startTime })
const iso = (windows: { startMs: number; endMs: number }[]) => windows.map((w) => [new Date(w.startMs).toISOString(), new Date(w.endMs).toISOString()])

// 2026-07-06 is a Monday.
const monday10 = Date.parse('2026-07-06T10:00:00Z')

describe('nextWindows (the policy preview and the fleet next window)', () => {
  it('lists the next windows on the policy weekdays, in UTC', () => {
    expect(iso(nextWindows(policy('1,3,5', '02:00-04:00'), monday10, 3))).toEqual([
      ['2026-07-08T02:00:00.000Z', '2026-07-08T04:00:00.000Z'],
      ['2026-07-10T02:00:00.000Z', '2026-07-10T04:00:00.000Z'],
      ['2026-07-13T02:00:00.000Z', '2026-07-13T04:00:00.000Z']
    ])
  })
  it("does not list today's window once it has begun, even while it is still open", () => {
    const inProgress = Date.parse('2026-07-06T10:30:00Z')
    expect(iso(nextWindows(policy('1,2', '10:00-12:00'), inProgress, 1))).toEqual([['2026-07-07T10:00:00.000Z', '2026-07-07T12:00:00.000Z']])
    const sunday2330 = Date.parse('2026-07-05T23:30:00Z')
    expect(iso(nextWindows(policy('7', '23:00-01:00'), sunday2330, 1))).toEqual([['2026-07-12T23:00:00.000Z', '2026-07-13T01:00:00.000Z']])
  })
  it('reports a window that has begun apart, including one that crosses midnight, and not as a next run', () => {
    const crossing = [['2026-07-05T23:00:00.000Z', '2026-07-06T01:00:00.000Z']]
    const daily = policy('7', '23:00-01:00')
    for (const at of ['2026-07-05T23:00:00Z', '2026-07-05T23:30:00Z', '2026-07-06T00:30:00Z']) {
      const open = windowOpenAt(daily, Date.parse(at))
      expect(iso(open === null ? [] : [open]), at).toEqual(crossing)
      expect(iso(nextWindows(daily, Date.parse(at), 1)), at).toEqual([['2026-07-12T23:00:00.000Z', '2026-07-13T01:00:00.000Z']])
    }
    expect(windowOpenAt(daily, Date.parse('2026-07-06T01:00:00Z'))).toBeNull()
    expect(windowOpenAt({ ...daily, enabled: false }, Date.parse('2026-07-05T23:30:00Z'))).toBeNull()
  })
  it('gives a window whose start equals its end the API default of two hours, as the scheduler does', () => {
    const [w] = nextWindows(policy('2', '02:00-02:00'), monday10, 1)
    expect(w === undefined ? null : w.endMs - w.startMs).toBe(2 * 3_600_000)
  })
  it('returns nothing for a disabled or invalid policy', () => {
    expect(nextWindows({ ...policy('1', '02:00-04:00'), enabled: false }, monday10, 5)).toEqual([])
    expect(nextWindows(policy('', '02:00-04:00'), monday10, 5)).toEqual([])
    expect(nextWindows(policy('1', '2-4'), monday10, 5)).toEqual([])
  })
  it('gives five runs on five consecutive days for a daily policy', () => {
    const windows = nextWindows(policy('1,2,3,4,5,6,7', '12:00-14:00'), monday10, 5)
    expect(windows.map((w) => new Date(w.startMs).toISOString().slice(0, 10))).toEqual(['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10'])
  })
})

describe('windowsBetween', () => {
  it('includes a window still open at the start of the range and excludes one that ended at it', () => {
    const schedule = scheduleOf('7', '23:00-01:00')
    if (schedule === null) throw new Error('the schedule should parse')
    const mondayMidnight = Date.parse('2026-07-06T00:00:00Z')
    expect(iso(windowsBetween(schedule, mondayMidnight, mondayMidnight + 3_600_000))).toEqual([['2026-07-05T23:00:00.000Z', '2026-07-06T01:00:00.000Z']])
    expect(windowsBetween(schedule, mondayMidnight + 3_600_000, mondayMidnight + 2 * 3_600_000)).toEqual([])
  })
})
