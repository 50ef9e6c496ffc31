import type { ClusterSummary } from '#contract/commands/cluster'
import type { ConnectionService } from '../connections/connection-service.ts'
import { clusterDetail, clusterSummaries, fleetRowOf, readFleetFacts } from '../fleet/cluster-summaries.ts'
import type { FleetHealthCache } from '../fleet/fleet-health-cache.ts'
import type { LintEnvironment } from '../fleet/cluster-lint.ts'
import { fleetWindow } from '../fleet/fleet-window.ts'
import { fleetCounts } from '#contract/fleet-rules'
import type { StoreDatabase } from '../store/database.ts'
import { listProjects } from '../store/cache.query.ts'
import type { HandlersFor } from './types.ts'

type ClusterHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  now: () => number
  /** The fleet's rows and health facts, read once per change of the database (judged at each call's instant). */
  health: FleetHealthCache
  /** Read per call: a rule switched off in Settings leaves the very next answer. */
  lintEnvironment: () => LintEnvironment
}

/** Read-only views of the cache: they answer offline. Without a connection there is nothing to list. */
export function clusterHandlers(deps: ClusterHandlerDeps): HandlersFor<'cluster/list' | 'cluster/list-window' | 'cluster/status' | 'cluster/get' | 'project/list'> {
  const { db, connections } = deps
  const activeOrNone = (connectionId: string | undefined): string | null =>
    connectionId === undefined && connections.activeId() === null ? null : connections.resolve(connectionId)
  const summaries = (connectionId: string | undefined): ClusterSummary[] => {
    const id = activeOrNone(connectionId)
    if (id === null) return []
    const now = deps.now()
    return clusterSummaries(db, id, now, deps.lintEnvironment(), readFleetFacts(db, id, now, deps.health))
  }
  return {
    'cluster/list': ({ connectionId }) => Promise.resolve(summaries(connectionId).map(fleetRowOf)),
    'cluster/list-window': ({ connectionId, limit, locale }) => {
      const id = activeOrNone(connectionId)
      if (id === null) return Promise.resolve({ rows: [], total: 0, projects: [], counts: fleetCounts([]) })
      const now = deps.now()
      const facts = readFleetFacts(db, id, now, deps.health)
      return Promise.resolve(fleetWindow(db, id, now, deps.lintEnvironment(), locale === undefined ? { limit } : { limit, locale }, facts))
    },
    'cluster/status': ({ connectionId }) => Promise.resolve(summaries(connectionId)),
    'cluster/get': (target) => Promise.resolve(clusterDetail(db, target, deps.now(), deps.lintEnvironment())),
    'project/list': ({ connectionId }) => {
      const id = activeOrNone(connectionId)
      return Promise.resolve(id === null ? [] : listProjects(db, { connectionId: id }))
    }
  }
}
