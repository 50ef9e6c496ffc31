import { describe, expect, it } from 'vitest'
import { BoundedMemo } from '../../../src-main/contract/bounded-memo.ts'

describe('BoundedMemo', () => {
  it('computes each key once, null answers included, and forgets all once full', () => {
    const memo = new BoundedMemo<string | null>(2)
    const computed: string[] = []
    const answer = (key: string): string | null => memo.get(key, () => (computed.push(key), key === 'none' ? null : key.toUpperCase()))
    expect([answer('a'), answer('none'), answer('a'), answer('none')]).toEqual(['A', null, 'A', null])
    expect(computed).toEqual(['a', 'none'])
    expect(answer('b')).toBe('B')
    expect(answer('a')).toBe('A')
    expect(computed).toEqual(['a', 'none', 'b', 'a'])
  })
})
