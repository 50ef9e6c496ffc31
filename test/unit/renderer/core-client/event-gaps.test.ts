import { describe, expect, test } from 'vitest'
import { EventGaps } from '../../../../src-renderer/lib/core-client/event-gaps.ts'

function gapsCounted(): { gaps: EventGaps; count: () => number } {
  let count = 0
  return { gaps: new EventGaps(() => (count += 1)), count: () => count }
}

describe('EventGaps: when reads may have missed an event', () => {
  test('reads answered before the first stream began, at or above its start, missed nothing', () => {
    const { gaps, count } = gapsCounted()
    gaps.answered(gaps.mark, 4)
    gaps.answered(gaps.mark, 5)
    gaps.streamStarted(4)
    gaps.answered(gaps.mark, 4)
    expect(count()).toBe(0)
  })

  test('a read answered before the first stream began, from fewer events than it starts with, is a gap', () => {
    const { gaps, count } = gapsCounted()
    gaps.answered(gaps.mark, 3)
    gaps.streamStarted(5)
    expect(count()).toBe(1)
  })

  test('a read sent before the stream began and answered after it, from fewer events, is a gap; one answer of those is enough', () => {
    const { gaps, count } = gapsCounted()
    const sentEarly = gaps.mark
    gaps.streamStarted(5)
    gaps.answered(sentEarly, 2)
    expect(count()).toBe(1)
    // Sent before that gap: the reads the gap caused cover it.
    gaps.answered(sentEarly, 3)
    expect(count()).toBe(1)
    // Sent after it, a read from fewer events than the stream's start is a gap again.
    gaps.answered(gaps.mark, 4)
    expect(count()).toBe(2)
  })

  test('every reconnection is a gap (events sent while the stream was down reached no one), even after a host restart counts from 0', () => {
    const { gaps, count } = gapsCounted()
    gaps.streamStarted(0)
    gaps.answered(gaps.mark, 7)
    gaps.streamDropped()
    gaps.streamStarted(0)
    expect(count()).toBe(1)
    gaps.streamDropped()
    gaps.answered(gaps.mark, 9)
    gaps.streamStarted(2)
    expect(count()).toBe(2)
  })
})
