import type { SyncStatus } from '#contract/commands/sync'
import type { ConnectionService } from '../connections/connection-service.ts'
import type { FleetHealthCache } from '../fleet/fleet-health-cache.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listConnections } from '../store/connections.repo.ts'
import { getSyncState } from '../store/sync-state.repo.ts'
import type { SyncEngine } from '../sync/sync-engine.ts'
import type { HandlersFor } from './types.ts'

type SyncHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  engine: SyncEngine
  /** Judged once per change of what health depends on: `sync/status` is asked after every sync event. */
  health: FleetHealthCache
  now: () => number
}

export function syncHandlers(deps: SyncHandlerDeps): HandlersFor<'sync/run' | 'sync/status'> {
  return {
    'sync/run': ({ connectionId }) => deps.engine.run(deps.connections.resolve(connectionId)),
    'sync/status': () => {
      const health = deps.health.organizations(deps.now())
      return Promise.resolve(
        listConnections(deps.db).map((c): SyncStatus => {
          const state = getSyncState(deps.db, c.id)
          return {
            connectionId: c.id,
            isRunning: deps.engine.isRunning(c.id),
            lastStartedAt: state?.lastStartedAt ?? null,
            lastFinishedAt: state?.lastFinishedAt ?? null,
            lastError: state?.lastError ?? null,
            lastSuccessAt: c.lastSyncAt,
            failure: state === null || state.lastError === null ? null : { cause: state.lastErrorCause ?? 'internal', message: state.lastError },
            isOffline: deps.engine.isOffline(c.id),
            health: health.get(c.id) ?? 'unknown'
          }
        })
      )
    }
  }
}
