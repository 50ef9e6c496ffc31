import { describe, expect, it } from 'vitest'
import { wallParts } from '../../../bench/send-trace.ts'

describe('the sync benchmark explains its wall time by the busiest endpoint’s sends (bench/send-trace.ts)', () => {
  it('splits it into the wait for the first send, the paced sends, the time behind the pace and the tail, which add up', () => {
    // A sync from 0 to 1,000 ms; four sends at a 50 ms pace from 150 ms, the last one held back 30 ms by a stall.
    const parts = wallParts([150, 200, 250, 330], 0, 1_000, 50)
    expect(parts).toEqual({ discovery: 150, pacing: 150, behind: 30, tail: 670 })
    expect(parts.discovery + parts.pacing + parts.behind + parts.tail).toBe(1_000)
  })

  it('with no send at all, the whole wall time is discovery', () => {
    expect(wallParts([], 0, 500, 50)).toEqual({ discovery: 500, pacing: 0, behind: 0, tail: 0 })
  })
})
