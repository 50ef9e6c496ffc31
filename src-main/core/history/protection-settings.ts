import {
  DEFAULT_PROTECTION_SETTINGS,
  protectionSettingsSchema,
  type ProtectionSettings
} from '#contract/commands/protection-settings'
import { storedSettings } from '../lib/stored-settings.ts'
import type { KeyValueStore } from '../schedule/ledger.ts'

const stored = storedSettings('protection', protectionSettingsSchema, DEFAULT_PROTECTION_SETTINGS)

/** The stored protection settings over the defaults; a stored value that no longer parses gives the defaults. */
export function loadProtectionSettings(kv: KeyValueStore): ProtectionSettings {
  return stored.load(kv)
}

export function saveProtectionSettings(kv: KeyValueStore, patch: Partial<ProtectionSettings>): ProtectionSettings {
  return stored.save(kv, patch)
}
