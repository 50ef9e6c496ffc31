import { describe, expect, it } from 'vitest'
import {
  FLEET_BODY_OFFSET,
  FLEET_GROUP_GAP,
  FLEET_OVERSCAN,
  FLEET_ROW_HEIGHT,
  scrollToShow,
  sectionHeight,
  sectionTops,
  visibleRows
} from '../../../src-renderer/lib/policy/fleet-layout.ts'

describe('the windowed Fleet geometry', () => {
  it('stacks sections by their row counts, an empty project taking a one-line section', () => {
    const tops = sectionTops([3, 0, 2])
    expect(tops[0]).toBe(0)
    expect(tops[1]).toBe(sectionHeight(3) + FLEET_GROUP_GAP)
    expect(tops[2]).toBe(sectionHeight(3) + sectionHeight(0) + 2 * FLEET_GROUP_GAP)
    expect(sectionHeight(0)).toBeLessThan(sectionHeight(1))
  })

  it('draws only the rows in view plus the overscan, whatever the size of the project', () => {
    const range = visibleRows(0, 1000, 0, 800, FLEET_OVERSCAN)
    expect(range.first).toBe(0)
    expect(range.last).toBe(Math.ceil((800 - FLEET_BODY_OFFSET) / FLEET_ROW_HEIGHT) + FLEET_OVERSCAN)
    const middle = visibleRows(0, 1000, 30_000, 800, FLEET_OVERSCAN)
    expect(middle.last - middle.first + 1).toBeLessThanOrEqual(Math.ceil(800 / FLEET_ROW_HEIGHT) + 2 * FLEET_OVERSCAN + 2)
    expect(middle.first * FLEET_ROW_HEIGHT + FLEET_BODY_OFFSET).toBeLessThanOrEqual(30_000)
  })

  it('draws only the rows in view without overscan, the first of them from the first one partly in view', () => {
    const top = visibleRows(0, 1000, 0, 800, 0)
    expect(top).toEqual({ first: 0, last: Math.ceil((800 - FLEET_BODY_OFFSET) / FLEET_ROW_HEIGHT) })
    const middle = visibleRows(0, 1000, FLEET_BODY_OFFSET + 100 * FLEET_ROW_HEIGHT + 30, 800, 0)
    expect(middle.first).toBe(100)
    expect(middle.last).toBe(100 + Math.ceil((800 + 30) / FLEET_ROW_HEIGHT))
    const none = visibleRows(0, 1000, 0, 0, 0)
    expect(none.last).toBeLessThan(none.first)
  })

  it('draws no row of a section scrolled far out of view', () => {
    const below = visibleRows(50_000, 10, 0, 800, FLEET_OVERSCAN)
    expect(below.last).toBeLessThan(below.first)
    const above = visibleRows(0, 10, 50_000, 800, FLEET_OVERSCAN)
    expect(above.last).toBeLessThan(above.first)
  })

  it('scrolls just enough to show a row the keyboard moves to', () => {
    expect(scrollToShow(0, 2, 0, 800)).toBe(0)
    const below = scrollToShow(0, 100, 0, 800)
    expect(below).toBe(FLEET_BODY_OFFSET + 101 * FLEET_ROW_HEIGHT - 800)
    expect(scrollToShow(0, 5, 10_000, 800)).toBe(5 * FLEET_ROW_HEIGHT)
  })
})
