import { describe, expect, it } from 'vitest'
import { DEFAULT_PROTECTION_SETTINGS, protectionSettingsSchema } from '#contract/commands/protection-settings'
import { storedSettings } from '#core/lib/stored-settings'
import type { KeyValueStore } from '#core/schedule/ledger'

/** The key-value table reduced to a Map: the shape under test is the JSON kept in it. */
function memoryKv(entries: Record<string, string> = {}): KeyValueStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(entries))
  return { values, read: (key) => values.get(key) ?? null, write: (key, value) => void values.set(key, value) }
}

const settings = storedSettings('protection', protectionSettingsSchema, DEFAULT_PROTECTION_SETTINGS)

describe('storedSettings', () => {
  it('reads the defaults when nothing, damaged JSON or a value the schema refuses is stored', () => {
    expect(settings.load(memoryKv())).toEqual(DEFAULT_PROTECTION_SETTINGS)
    expect(settings.load(memoryKv({ protection: '{not json' }))).toEqual(DEFAULT_PROTECTION_SETTINGS)
    expect(settings.load(memoryKv({ protection: JSON.stringify({ historyRetentionDays: -3 }) }))).toEqual(DEFAULT_PROTECTION_SETTINGS)
  })

  it('reads a value stored by an older version over the defaults of the fields it did not have', () => {
    expect(settings.load(memoryKv({ protection: JSON.stringify({ historyRetentionDays: 90 }) }))).toEqual({ ...DEFAULT_PROTECTION_SETTINGS, historyRetentionDays: 90 })
  })

  it('stores a patch over what was stored, and a patch the schema refuses throws and leaves the stored value as it was', () => {
    const kv = memoryKv()
    expect(settings.save(kv, { historyRetentionDays: 120 })).toEqual({ ...DEFAULT_PROTECTION_SETTINGS, historyRetentionDays: 120 })
    expect(settings.save(kv, { lintRulesOff: [] }).historyRetentionDays).toBe(120)
    const before = kv.values.get('protection')
    expect(() => settings.save(kv, { historyRetentionDays: -1 })).toThrow()
    expect(kv.values.get('protection')).toBe(before)
    expect(settings.load(kv).historyRetentionDays).toBe(120)
  })
})
