import {
  DEFAULT_PROTECTION_SETTINGS,
  protectionSettingsSchema,
  type ProtectionSettings
} from '#contract/commands/protection-settings'
import type { KeyValueStore } from '../schedule/ledger.ts'

const KEY = 'protection'

/** The stored protection settings over the defaults; a stored value that no longer parses gives the defaults. */
export function loadProtectionSettings(kv: KeyValueStore): ProtectionSettings {
  const raw = kv.read(KEY)
  if (raw === null) return DEFAULT_PROTECTION_SETTINGS
  try {
    const parsed = protectionSettingsSchema.safeParse({ ...DEFAULT_PROTECTION_SETTINGS, ...(JSON.parse(raw) as object) })
    return parsed.success ? parsed.data : DEFAULT_PROTECTION_SETTINGS
  } catch {
    return DEFAULT_PROTECTION_SETTINGS
  }
}

export function saveProtectionSettings(kv: KeyValueStore, patch: Partial<ProtectionSettings>): ProtectionSettings {
  const next = protectionSettingsSchema.parse({ ...loadProtectionSettings(kv), ...patch })
  kv.write(KEY, JSON.stringify(next))
  return next
}
