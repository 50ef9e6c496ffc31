import { describe, expect, it } from 'vitest'
import { TIMELINE_MARK_KINDS } from '../../../src-main/contract/timeline-marks.ts'
import { itemOfElement, keyMove, markAt } from '../../../src-renderer/lib/policy/timeline-focus.ts'
import { GLYPH_PAINT, RING_RADIUS, glyphPath, ringPath } from '../../../src-renderer/lib/policy/timeline-glyphs.ts'

const DAY = 86_400_000
/** Ten days on a 1,000-pixel track: 100 pixels a day. */
const VIEW = { fromMs: 0, toMs: 10 * DAY }
const point = (day: number): { ms: number; endMs: null } => ({ ms: day * DAY, endMs: null })
const band = (fromDay: number, toDay: number): { ms: number; endMs: number } => ({ ms: fromDay * DAY, endMs: toDay * DAY })

describe('the mark under the pointer on a lane canvas', () => {
  it('is the nearest point mark within the ring radius, and none farther away', () => {
    const marks = [point(1), point(1.1), point(5)]
    expect(markAt(marks, 103, VIEW, 1000, RING_RADIUS)).toBe(0)
    expect(markAt(marks, 108, VIEW, 1000, RING_RADIUS)).toBe(1)
    expect(markAt(marks, 505, VIEW, 1000, RING_RADIUS)).toBe(2)
    expect(markAt(marks, 300, VIEW, 1000, RING_RADIUS)).toBe(-1)
  })

  it('is a window band when the pointer is over it and no point mark is near', () => {
    const marks = [band(2, 3), point(2.5)]
    expect(markAt(marks, 220, VIEW, 1000, RING_RADIUS)).toBe(0)
    expect(markAt(marks, 251, VIEW, 1000, RING_RADIUS)).toBe(1)
    expect(markAt(marks, 330, VIEW, 1000, RING_RADIUS)).toBe(-1)
  })

  it('never picks a mark outside the view, even when the pointer is at the edge', () => {
    expect(markAt([point(-0.05), point(10.05)], 0, VIEW, 1000, RING_RADIUS)).toBe(-1)
    expect(markAt([point(-0.05), point(10.05)], 1000, VIEW, 1000, RING_RADIUS)).toBe(-1)
  })
})

describe('the mark glyphs shared by the canvas and the legend', () => {
  it('gives every mark kind a shape and a paint that fills or strokes it', () => {
    for (const kind of TIMELINE_MARK_KINDS) {
      expect(glyphPath(kind, 10, 15, 20)).toMatch(/^M /)
      const paint = GLYPH_PAINT[kind]
      expect(paint.fill !== null || (paint.stroke !== null && paint.strokeWidth > 0)).toBe(true)
    }
  })

  it('draws the kinds apart: missed and failed in red with different shapes, AUTO and MANUAL in different shapes', () => {
    expect(GLYPH_PAINT.missed.stroke).toBe('--critical')
    expect(GLYPH_PAINT.failed.fill).toBe('--critical')
    expect(glyphPath('missed', 0, 0)).not.toBe(glyphPath('failed', 0, 0))
    expect(glyphPath('auto', 0, 0)).not.toBe(glyphPath('manual', 0, 0))
  })

  it('makes a window band as wide as its window and its ring a little wider', () => {
    const numbers = (d: string): number[] => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number)
    // M x+r y-h h inner …: the band starts r pixels in and runs `width - 2r` straight.
    const [startX = 0, , inner = 0] = numbers(glyphPath('window', 100, 15, 60))
    expect(startX - 3 + inner + 6).toBe(160)
    const [ringStart = 0, , ringInner = 0] = numbers(ringPath('window', 100, 15, 60))
    expect(ringStart - 3).toBe(98)
    expect(ringInner + 6).toBe(64)
  })
})

describe('the keys in the lanes', () => {
  const lanes: Record<number, { ms: number; endMs: null }[]> = { 0: [point(1), point(3), point(12)], 1: [point(2.9)], 2: [] }
  const marksOf = (lane: number): { ms: number; endMs: null }[] | undefined => lanes[lane]
  const move = (key: string, lane: number, mark: number, shift = false) => keyMove(key, shift, { lane, mark }, marksOf, 3, VIEW)

  it('steps along a lane through visible marks only, from the label to the first mark', () => {
    expect(move('ArrowRight', 0, -1)).toEqual({ focus: { lane: 0, mark: 0 } })
    expect(move('ArrowRight', 0, 1)).toEqual({ focus: { lane: 0, mark: 1 } })
    expect(move('ArrowLeft', 0, 0)).toEqual({ focus: { lane: 0, mark: -1 } })
    expect(move('End', 0, -1)).toEqual({ focus: { lane: 0, mark: 1 } })
    expect(move('Home', 0, 1)).toEqual({ focus: { lane: 0, mark: -1 } })
  })

  it('moves up and down to the mark nearest in time, or the label of a lane with none, and stays within the lanes', () => {
    expect(move('ArrowDown', 0, 1)).toEqual({ focus: { lane: 1, mark: 0 } })
    expect(move('ArrowDown', 1, 0)).toEqual({ focus: { lane: 2, mark: -1 } })
    expect(move('ArrowDown', 2, -1)).toEqual({ focus: { lane: 2, mark: -1 } })
    expect(move('ArrowUp', 0, -1)).toEqual({ focus: { lane: 0, mark: -1 } })
  })

  it('pans with Shift and the arrows, and ignores other keys', () => {
    expect(move('ArrowRight', 0, 0, true)).toEqual({ pan: 1 })
    expect(move('ArrowLeft', 0, 0, true)).toEqual({ pan: -1 })
    expect(move('a', 0, 0)).toBeNull()
  })

  it('reads the item an element stands for from its data-item', () => {
    const el = (value: string | null) => ({ getAttribute: () => value }) as unknown as Element
    expect(itemOfElement(el('4:-1'))).toEqual({ lane: 4, mark: -1 })
    expect(itemOfElement(el('4:7'))).toEqual({ lane: 4, mark: 7 })
    expect(itemOfElement(el(null))).toBeNull()
    expect(itemOfElement(null)).toBeNull()
  })
})
