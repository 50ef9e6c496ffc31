import { describe, expect, it } from 'vitest'
import { isInView, lastInLane, nearestInLane, stepInLane } from '../../../src-renderer/lib/policy/timeline-focus.ts'
import { NOW_LABEL_WIDTH, TICK_LABEL_PX, axisTicks, contains, fetchRangeFor, nowLabelSide, panBy, panByPixels, pictureRows, rangeAroundNow, viewportMaxHeight, visibleRowRange, xOf, zoomTo } from '../../../src-renderer/lib/policy/timeline-view.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Thursday 26 November 2026, 12:00 UTC. */
const NOW = Date.UTC(2026, 10, 26, 12)

describe('the Timeline picture geometry', () => {
  it('shows 14 days back and 7 ahead by default, and keeps the centre when zooming', () => {
    const view = rangeAroundNow(NOW, 21)
    expect(view).toEqual({ fromMs: NOW - 14 * DAY, toMs: NOW + 7 * DAY })
    const day = zoomTo(view, 1)
    expect(day.toMs - day.fromMs).toBe(DAY)
    expect((day.fromMs + day.toMs) / 2).toBe((view.fromMs + view.toMs) / 2)
  })

  it('pans by a fraction of the span, and a drag to the right shows earlier time', () => {
    const view = rangeAroundNow(NOW, 7)
    expect(panBy(view, 1 / 7)).toEqual({ fromMs: view.fromMs + DAY, toMs: view.toMs + DAY })
    expect(panByPixels(view, 100, 700)).toEqual({ fromMs: view.fromMs - DAY, toMs: view.toMs - DAY })
    expect(panByPixels(view, 100, 0)).toBe(view)
  })

  it('places instants on the track proportionally, outside 0…width when out of view', () => {
    const view = { fromMs: 0, toMs: 10 * DAY }
    expect(xOf(5 * DAY, view, 1000)).toBe(500)
    expect(xOf(-DAY, view, 1000)).toBe(-100)
  })

  it('fetches one span either side, so a pan inside it needs no new request', () => {
    const view = rangeAroundNow(NOW, 7)
    const fetched = fetchRangeFor(view)
    expect(contains(fetched, panBy(view, 0.9))).toBe(true)
    expect(contains(fetched, panBy(view, 1.1))).toBe(false)
  })

  it('ticks UTC midnights every day at 7 days, every 3 hours at 1 day, on a wide axis', () => {
    const week = axisTicks({ fromMs: Date.UTC(2026, 10, 23), toMs: Date.UTC(2026, 10, 30) }, true, 800)
    expect(week.map((t) => t.label)).toEqual(['Mon 23 Nov', 'Tue 24 Nov', 'Wed 25 Nov', 'Thu 26 Nov', 'Fri 27 Nov', 'Sat 28 Nov', 'Sun 29 Nov'])
    const day = axisTicks({ fromMs: Date.UTC(2026, 10, 26), toMs: Date.UTC(2026, 10, 27) }, true, 800)
    expect(day.map((t) => t.label)).toEqual(['Thu 26 Nov', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00'])
  })

  it('spaces the ticks so that no two labels touch, however narrow the axis or long the span', () => {
    const gapsOf = (view: { fromMs: number; toMs: number }, width: number): number[] => {
      const xs = axisTicks(view, true, width).map((t) => xOf(t.ms, view, width))
      return xs.slice(1).map((x, i) => x - (xs[i] ?? 0))
    }
    for (const days of [1, 7, 21, 30]) {
      for (const width of [300, 680, 1600]) {
        const view = { fromMs: Date.UTC(2026, 10, 6), toMs: Date.UTC(2026, 10, 6) + days * 86_400_000 }
        expect(Math.min(...gapsOf(view, width)), `${String(days)} days in ${String(width)} px`).toBeGreaterThanOrEqual(TICK_LABEL_PX)
      }
    }
    // 3 weeks in the picture of a 1,100 px window used to tick every 2nd day, 32 px apart: "Sat 14 NovMon 16 Nov".
    const threeWeeks = { fromMs: Date.UTC(2026, 10, 6), toMs: Date.UTC(2026, 10, 27) }
    expect(axisTicks(threeWeeks, true, 680).map((t) => t.label).slice(0, 3)).toEqual(['Fri 6 Nov', 'Mon 9 Nov', 'Thu 12 Nov'])
    // Weekly ticks fall on Mondays, evenly across a month's end.
    const month = { fromMs: Date.UTC(2026, 10, 9), toMs: Date.UTC(2026, 11, 9) }
    expect(axisTicks(month, true, 680).map((t) => t.label)).toEqual(['Mon 9 Nov', 'Mon 16 Nov', 'Mon 23 Nov', 'Mon 30 Nov', 'Mon 7 Dec'])
  })

  it('lays out a heading per project, naming the organization only when two are connected', () => {
    const group = (connectionId: string, projectName: string, lanes: number) => ({ connectionId, connectionName: `Org ${connectionId}`, projectId: projectName, projectName, lanes })
    expect(pictureRows([group('a', 'Prod', 2), group('a', 'Staging', 1)])).toEqual([
      { kind: 'group', key: 'g:a:Prod', label: 'Prod' },
      { kind: 'lane', key: 'l:0', lane: 0 },
      { kind: 'lane', key: 'l:1', lane: 1 },
      { kind: 'group', key: 'g:a:Staging', label: 'Staging' },
      { kind: 'lane', key: 'l:2', lane: 2 }
    ])
    expect(pictureRows([group('a', 'Prod', 0), group('b', 'Prod', 0)]).map((r) => (r.kind === 'group' ? r.label : ''))).toEqual(['Org a · Prod', 'Org b · Prod'])
  })

  it('puts only the rows in view (plus overscan) in the DOM, whatever the lane count', () => {
    expect(visibleRowRange(0, 300, 30, 1000, 2)).toEqual({ first: 0, last: 12 })
    expect(visibleRowRange(15_000, 300, 30, 1000, 2)).toEqual({ first: 498, last: 512 })
    expect(visibleRowRange(29_900, 300, 30, 1000, 2).last).toBe(999)
  })

  it('counts the first frame\'s rows with no overscan: those in a viewport as tall as the window allows, and no more', () => {
    expect(visibleRowRange(0, viewportMaxHeight(800), 30, 1000, 0)).toEqual({ first: 0, last: 17 })
    expect(viewportMaxHeight(2000)).toBe(620)
    expect(viewportMaxHeight(400)).toBe(240)
  })
})

describe('keyboard movement between marks', () => {
  const view = { fromMs: 0, toMs: 10 * DAY }
  const marks = [
    { ms: -2 * DAY, endMs: null },
    { ms: DAY, endMs: null },
    { ms: 3 * DAY, endMs: null },
    { ms: 9 * DAY, endMs: 11 * DAY },
    { ms: 12 * DAY, endMs: null }
  ]

  it('steps over marks out of view; before the first visible mark comes the lane label', () => {
    expect(stepInLane(marks, -1, 1, view)).toBe(1)
    expect(stepInLane(marks, 1, -1, view)).toBe(-1)
    expect(stepInLane(marks, 3, 1, view)).toBe(3)
    expect(lastInLane(marks, view)).toBe(3)
  })

  it('counts a window band as visible while part of it shows', () => {
    expect(isInView({ ms: -DAY, endMs: HOUR }, view)).toBe(true)
    expect(isInView({ ms: -DAY, endMs: -HOUR }, view)).toBe(false)
  })

  it('moves to the nearest visible mark in time on another lane, or its label', () => {
    expect(nearestInLane(marks, 2.6 * DAY, view)).toBe(2)
    expect(nearestInLane(marks, null, view)).toBe(-1)
    expect(nearestInLane([{ ms: 20 * DAY, endMs: null }], DAY, view)).toBe(-1)
  })
})

describe('the axis\'s "now" label', () => {
  it('goes after the now line, or before it when a day\'s tick or the axis end is in the way', () => {
    expect(nowLabelSide(500, [400, 600], 1000)).toBe('start')
    expect(nowLabelSide(500, [400, 510], 1000)).toBe('end')
    expect(nowLabelSide(500, [500 + NOW_LABEL_WIDTH + 2], 1000)).toBe('end')
    expect(nowLabelSide(500, [500 + NOW_LABEL_WIDTH + 3], 1000)).toBe('start')
    expect(nowLabelSide(990, [], 1000)).toBe('end')
  })
})
