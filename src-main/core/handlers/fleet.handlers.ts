import { CoreError } from '#contract/errors'
import type { ConnectionService } from '../connections/connection-service.ts'
import { clusterSummaries } from '../fleet/cluster-summaries.ts'
import type { StoreDatabase } from '../store/database.ts'
import { getMirroredPolicy, listProjects } from '../store/cache.query.ts'
import { listPolicyHistory } from '../store/history.repo.ts'
import type { HandlersFor } from './types.ts'

export type FleetHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  now: () => number
}

/** Read-only views of the cache: they answer offline. */
export function fleetHandlers(deps: FleetHandlerDeps): HandlersFor<'cluster/list' | 'project/list' | 'policy/get' | 'policy/history'> {
  const { db, connections } = deps
  const activeOrNone = (connectionId: string | undefined): string | null =>
    connectionId === undefined && connections.activeId() === null ? null : connections.resolve(connectionId)
  return {
    'cluster/list': ({ connectionId }) => {
      const id = activeOrNone(connectionId)
      return Promise.resolve(id === null ? [] : clusterSummaries(db, id, deps.now()))
    },
    'project/list': ({ connectionId }) => {
      const id = activeOrNone(connectionId)
      return Promise.resolve(id === null ? [] : listProjects(db, { connectionId: id }))
    },
    'policy/get': ({ clusterId, connectionId }) => {
      const mirrored = getMirroredPolicy(db, clusterId, connectionId)
      if (mirrored === null) throw new CoreError('not-found', `No policy of cluster ${clusterId} has been read yet: sync first.`)
      return Promise.resolve(mirrored)
    },
    'policy/history': ({ clusterId, connectionId }) =>
      Promise.resolve(
        listPolicyHistory(db, { clusterId, ...(connectionId === undefined ? {} : { connectionId }) }).map((c) => ({ clusterId: c.clusterId, at: c.at, source: c.source, before: c.before, after: c.after }))
      )
  }
}
