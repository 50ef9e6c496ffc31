import { describe, expect, it } from 'vitest'
import type { TimelineMarkKind } from '../../../src-main/contract/timeline-marks.ts'
import { findMark, markKey, markRef } from '../../../src-renderer/lib/policy/timeline-focus.ts'

const DAY = 86_400_000
const view = { fromMs: 0, toMs: 10 * DAY }
const mark = (kind: TimelineMarkKind, ms: number, backupId?: string, endMs: number | null = null) => ({ kind, ms, endMs, backupId })

describe('the Timeline picture\'s focused mark, found again in a new answer', () => {
  const backup = mark('auto', 3 * DAY, 'b-3')
  const lane = [mark('auto', 2 * DAY, 'b-2'), backup, mark('expiry', 3 * DAY, 'b-3'), mark('window', 8 * DAY, undefined, 8.1 * DAY)]

  it('finds the same mark when an answer puts older marks in front (the margins\' read)', () => {
    const withMargins = [mark('auto', -3 * DAY, 'b-old'), mark('auto', -2 * DAY, 'b-older'), ...lane]
    expect(findMark(lane, markRef(backup), view)).toBe(1)
    expect(findMark(withMargins, markRef(backup), view)).toBe(3)
  })

  it('tells a backup from its expiry at the same instant, and a window by its start', () => {
    expect(findMark(lane, markRef(mark('expiry', 3 * DAY, 'b-3')), view)).toBe(2)
    const window = markRef(mark('window', 8 * DAY))
    expect(findMark([mark('manual', 5 * DAY, 'm-1'), ...lane], window, view)).toBe(4)
  })

  it('follows a backup that was being created and is now good (same backup, another kind)', () => {
    const creating = markRef(mark('creating', 3 * DAY, 'b-3'))
    expect(findMark(lane, creating, view)).toBe(1)
  })

  it('falls back to the visible mark nearest in time when the mark is gone, and to the label when none shows', () => {
    const gone = markRef(mark('window', 7 * DAY))
    expect(findMark(lane, gone, view)).toBe(3)
    expect(findMark(lane.slice(0, 3), gone, view)).toBe(1)
    expect(findMark([mark('auto', 20 * DAY, 'far')], gone, view)).toBe(-1)
    expect(findMark(lane, null, view)).toBe(-1)
  })

  it('keys a mark by what it is, the same in every answer', () => {
    expect(markKey(backup)).toBe(markKey({ ...backup }))
    expect(markKey(backup)).not.toBe(markKey(mark('expiry', 3 * DAY, 'b-3')))
  })
})
