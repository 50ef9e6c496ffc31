import { describe, expect, it } from 'vitest'
import { SearchText } from '#core/fleet/search-text'

const positions = (texts: string[], needle: string): number[] => [...new SearchText(texts).matching(needle)]

describe('the search text of a list of backups', () => {
  it('finds each text that holds the needle once, in order, however often it holds it', () => {
    expect(positions(['orders\norders-prod', 'search', 'prod-orders', 'orders'], 'orders')).toEqual([0, 2, 3])
    expect(positions(['aaaa', 'b', 'aa'], 'aa')).toEqual([0, 2])
  })

  it('never matches across two texts, nor a text\'s end with the next one\'s start', () => {
    expect(positions(['xa', 'by'], 'ab')).toEqual([])
    expect(positions(['xa', 'by'], 'a\nb')).toEqual([])
    // Inside one text the parts are newline-separated too, and stay one text's own.
    expect(positions(['name\ncluster', 'other'], 'e\nc')).toEqual([0])
  })

  it('matches at the very start and end of the whole text, and nothing in an empty list', () => {
    expect(positions(['abc', 'xyz'], 'ab')).toEqual([0])
    expect(positions(['abc', 'xyz'], 'yz')).toEqual([1])
    expect(positions(['abc', 'xyz'], 'xyz')).toEqual([1])
    expect(positions([], 'a')).toEqual([])
    expect(positions(['', 'a', ''], 'a')).toEqual([1])
  })

  it('an empty needle matches every text', () => {
    expect(positions(['a', 'b', 'c'], '')).toEqual([0, 1, 2])
  })
})
