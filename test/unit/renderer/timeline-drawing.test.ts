import { describe, expect, it } from 'vitest'
import type { TimelineMarkKind } from '../../../src-main/contract/timeline-marks.ts'
import { DRAW_ORDER, kindsDrawn, kindsText, placeLanes, placeMarks, placeSpan, ringFor, traceKind, type DrawnLane } from '../../../src-renderer/lib/policy/timeline-drawing.ts'
import { SvgPath, glyphPath } from '../../../src-renderer/lib/policy/timeline-glyphs.ts'

const DAY = 86_400_000
/** Ten days on a 1,000-pixel track: 100 pixels a day. */
const VIEW = { fromMs: 0, toMs: 10 * DAY }
const point = (kind: TimelineMarkKind, day: number) => ({ kind, ms: day * DAY, endMs: null })
const band = (fromDay: number, toDay: number) => ({ kind: 'window' as const, ms: fromDay * DAY, endMs: toDay * DAY })

describe('placing a lane\'s marks on its track', () => {
  it('places the marks in view at their time, keeps their index in the lane, and leaves out those outside', () => {
    const marks = [point('auto', -1), point('auto', 1), band(9.5, 11), point('expiry', 12)]
    expect(placeMarks(marks, VIEW, 1000)).toEqual([
      { i: 1, kind: 'auto', x: 100, width: 0 },
      { i: 2, kind: 'window', x: 950, width: 150 }
    ])
  })

  it('draws a band at least 2 pixels wide and clamps the restorable span to the track', () => {
    expect(placeMarks([band(1, 1)], VIEW, 1000)[0]?.width).toBe(2)
    expect(placeSpan({ fromMs: -5 * DAY, toMs: 4 * DAY }, VIEW, 1000)).toEqual({ x: 0, width: 400 })
    expect(placeSpan({ fromMs: 11 * DAY, toMs: 12 * DAY }, VIEW, 1000)).toBeNull()
    expect(placeSpan(null, VIEW, 1000)).toBeNull()
  })

  it('stacks the loaded lanes on screen from the canvas\'s top, skips lanes not loaded, and places nothing before the width is known', () => {
    const lane = { marks: [point('auto', 2)], restorableMs: null }
    const laneOf = (i: number) => (i === 7 ? undefined : lane)
    const rows = [{ lane: 6, top: 300 }, { lane: 7, top: 330 }, { lane: 8, top: 360 }]
    const placed = placeLanes(rows, laneOf, VIEW, { width: 1000, top: 300, rowHeight: 30 })
    expect([...placed.keys()]).toEqual([6, 8])
    expect(placed.get(6)?.y).toBe(15)
    expect(placed.get(8)?.y).toBe(75)
    expect(placed.get(8)?.marks).toEqual([{ i: 0, kind: 'auto', x: 200, width: 0 }])
    expect(placeLanes(rows, laneOf, VIEW, { width: 0, top: 300, rowHeight: 30 }).size).toBe(0)
  })
})

describe('batching the glyphs of all lanes on screen', () => {
  const lanes: DrawnLane[] = [
    { y: 15, span: null, marks: [{ i: 0, kind: 'missed', x: 10, width: 0 }, { i: 1, kind: 'auto', x: 40, width: 0 }] },
    { y: 45, span: null, marks: [{ i: 0, kind: 'auto', x: 70, width: 0 }, { i: 1, kind: 'window', x: 100, width: 30 }] }
  ]

  it('makes one path per kind present, with every mark\'s glyph at its lane\'s middle, as the legend draws it', () => {
    expect(kindsDrawn(lanes)).toEqual(['window', 'auto', 'missed'])
    const traced = (kind: TimelineMarkKind): string => {
      const path = new SvgPath()
      traceKind(path, lanes, kind)
      return path.toString()
    }
    expect(traced('auto')).toBe(`${glyphPath('auto', 40, 15)} ${glyphPath('auto', 70, 45)}`)
    expect(traced('window')).toBe(glyphPath('window', 100, 45, 30))
    expect(traced('missed')).toBe(glyphPath('missed', 10, 15))
    expect(traced('failed')).toBe('')
  })

  it('draws bands first and missed and failed windows last, so a backup never hides a missed window', () => {
    expect(DRAW_ORDER[0]).toBe('window')
    expect(DRAW_ORDER.slice(-2)).toEqual(['failed', 'missed'])
    expect([...DRAW_ORDER].sort()).toEqual(['auto', 'creating', 'expiry', 'failed', 'manual', 'missed', 'window'])
  })

  it('names the kinds a lane shows, sorted and once each, and nothing for an empty lane', () => {
    expect(kindsText(lanes[1]?.marks ?? [])).toBe('auto window')
    expect(kindsText([...(lanes[0]?.marks ?? []), { i: 2, kind: 'auto', x: 90, width: 0 }])).toBe('auto missed')
    expect(kindsText([])).toBe('')
  })

  it('rings the hovered mark where it is drawn, and nothing once that mark is no longer on screen', () => {
    const marks = [{ id: 'a' }, { id: 'b' }]
    const drawn = new Map(lanes.map((lane, i) => [i + 4, lane]))
    expect(ringFor(drawn, { lane: 5, mark: marks[1] as object }, () => marks)).toEqual({ y: 45, mark: { i: 1, kind: 'window', x: 100, width: 30 } })
    expect(ringFor(drawn, { lane: 5, mark: { id: 'b' } }, () => marks)).toBeNull()
    expect(ringFor(drawn, { lane: 9, mark: marks[0] as object }, () => marks)).toBeNull()
    expect(ringFor(drawn, null, () => marks)).toBeNull()
  })
})

describe('the glyphs as SVG path data (the legend)', () => {
  it('traces a dot as a whole circle around its centre, and a missed window as two strokes', () => {
    expect(glyphPath('auto', 10, 20)).toBe('M 15 20 A 5 5 0 1 0 5 20 A 5 5 0 1 0 15 20 Z')
    expect(glyphPath('missed', 10, 20)).toBe('M 5 15 L 15 25 M 15 15 L 5 25')
  })
})
