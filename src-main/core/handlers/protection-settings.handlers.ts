import { loadProtectionSettings, saveProtectionSettings } from '../history/protection-settings.ts'
import type { KeyValueStore } from '../schedule/ledger.ts'
import type { HandlersFor } from './types.ts'

/** History retention and policy lint rules switched off, in the settings table. */
export function protectionSettingsHandlers(deps: { settings: KeyValueStore }): HandlersFor<'protection-settings/get' | 'protection-settings/update'> {
  return {
    'protection-settings/get': () => Promise.resolve(loadProtectionSettings(deps.settings)),
    'protection-settings/update': (patch) => Promise.resolve(saveProtectionSettings(deps.settings, patch))
  }
}
