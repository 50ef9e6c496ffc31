import type { KeyValueStore } from '../schedule/ledger.ts'
import { loadNotificationSettings, saveNotificationSettings } from '../schedule/settings.ts'
import type { HandlersFor } from './types.ts'

type SettingsHandlerDeps = {
  settings: KeyValueStore
  /** Settings changed: lead times move, so the watcher re-plans. */
  onSettingsChanged(): void
}

export function settingsHandlers(deps: SettingsHandlerDeps): HandlersFor<'settings/get' | 'settings/update'> {
  return {
    'settings/get': () => Promise.resolve(loadNotificationSettings(deps.settings)),
    'settings/update': (patch) => {
      const next = saveNotificationSettings(deps.settings, patch)
      deps.onSettingsChanged()
      return Promise.resolve(next)
    }
  }
}
