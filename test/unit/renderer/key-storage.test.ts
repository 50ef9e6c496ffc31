import { describe, expect, it } from 'vitest'
import { keyKeptHint, keyRemovedText } from '../../../src-renderer/features/settings/key-storage.ts'

describe('where the forms say an API key is kept', () => {
  it('says the system keychain only when the core keeps keys there', () => {
    expect(keyKeptHint({ mode: 'keychain' })).toBe('Kept in the system keychain; Backup Desk never shows it again.')
    expect(keyRemovedText({ mode: 'keychain' })).toBe('Its API key is deleted from the keychain')
  })

  it('says memory for this session only when the keychain is unavailable, never the keychain', () => {
    const status = { mode: 'memory-only', reason: 'no Secret Service' } as const
    expect(keyKeptHint(status)).toBe('Kept in memory for this session only (the system keychain is unavailable); Backup Desk never shows it again.')
    expect(keyRemovedText(status)).toBe('Its API key is deleted from memory')
  })

  it("says memory for this session only in the demo, which keeps its keys away from the keychain", () => {
    const status = { mode: 'memory-only', demo: true } as const
    expect(keyKeptHint(status)).toBe('Kept in memory for this session only (the demo does not use the system keychain); Backup Desk never shows it again.')
    expect(keyRemovedText(status)).toBe('Its API key is deleted from memory')
  })

  it('names no store before the mode is known', () => {
    expect(keyKeptHint(null)).toBe('Backup Desk never shows it again.')
    expect(keyRemovedText(null)).toBe('Its API key is deleted')
  })
})
