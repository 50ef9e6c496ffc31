import { describe, expect, it } from 'vitest'
import { durationText } from '#contract/time'

const MIN = 60_000
const H = 60 * MIN

describe('an age or a wait in words, one rule for every screen and the health reasons', () => {
  it.each([
    [20_000, '1 min'],
    [25 * MIN, '25 min'],
    [9.6 * H, '10 h'],
    [47 * H, '47 h'],
    [48 * H, '2 days'],
    [12.6 * 24 * H, '13 days'],
    [-3 * H, '3 h']
  ])('%d ms reads "%s", rounded to its unit', (ms, text) => {
    expect(durationText(ms)).toBe(text)
  })
})
