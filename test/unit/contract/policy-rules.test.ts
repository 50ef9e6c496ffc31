import { describe, expect, it } from 'vitest'
import { longestGap } from '#contract/policy-rules'

describe('the longest gap between backup days', () => {
  it('runs between consecutive scheduled weekdays, wrapping over the week; none without a valid weekday', () => {
    expect(longestGap('1,3,5')).toEqual({ days: 3, from: 5, to: 1 })
    expect(longestGap('2')).toEqual({ days: 7, from: 2, to: 2 })
    expect(longestGap('7,1,2,3,4,5,6')).toEqual({ days: 1, from: 1, to: 2 })
    expect(longestGap('')).toBeNull()
  })

  it('answers a frequency asked again as the first time, even after a caller changed the answer it was given', () => {
    const first = longestGap('1,4')
    expect(first).toEqual({ days: 4, from: 4, to: 1 })
    if (first !== null) first.days = 99
    expect(longestGap('1,4')).toEqual({ days: 4, from: 4, to: 1 })
  })
})
