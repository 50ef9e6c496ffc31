import { saveNotificationSettings, loadNotificationSettings } from './settings.ts'
import type { HandlersFor } from '../handlers/types.ts'
import type { Clock } from '../lib/clock.ts'
import type { KeyValueStore, NotificationLedger } from './ledger.ts'
import { projectWindows } from './projection.ts'
import type { WatchInputs } from './watch-inputs.ts'

export type WatchCommand =
  | 'schedule/upcoming'
  | 'notification/list'
  | 'notification/mark-read'
  | 'settings/get'
  | 'settings/update'

export type WatchHandlerDeps = {
  inputs: WatchInputs
  ledger: NotificationLedger
  settings: KeyValueStore
  clock: Clock
  /** Settings changed: lead times move, so the watcher re-plans. */
  onSettingsChanged(): void
  /** Read flags changed: the tray summary is refreshed. */
  onReadChanged(): void
}

const HOUR_MS = 3_600_000

export function watchHandlers(deps: WatchHandlerDeps): HandlersFor<WatchCommand> {
  return {
    'schedule/upcoming': ({ horizonHours }) => {
      const now = deps.clock.now()
      const windows = projectWindows(deps.inputs.enabledPolicies(), now, now + horizonHours * HOUR_MS)
      return Promise.resolve(
        windows.map((w) => ({
          clusterId: w.clusterId,
          clusterName: w.clusterName,
          start: new Date(w.startMs).toISOString(),
          end: new Date(w.endMs).toISOString()
        }))
      )
    },
    'notification/list': (input) => Promise.resolve(deps.ledger.list(input)),
    'notification/mark-read': (input) => {
      const updated = deps.ledger.markRead(input)
      if (updated > 0) deps.onReadChanged()
      return Promise.resolve({ updated })
    },
    'settings/get': () => Promise.resolve(loadNotificationSettings(deps.settings)),
    'settings/update': (patch) => {
      const next = saveNotificationSettings(deps.settings, patch)
      deps.onSettingsChanged()
      return Promise.resolve(next)
    }
  }
}
