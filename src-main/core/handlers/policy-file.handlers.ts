import { CoreError } from '#contract/errors'
import type { ConnectionService } from '../connections/connection-service.ts'
import { clusterSummaries } from '../fleet/cluster-summaries.ts'
import { exportableClusters, exportPolicies } from '../policy-files/export-policy-file.ts'
import type { StoreDatabase } from '../store/database.ts'
import type { HandlersFor } from './types.ts'

export type PolicyFileHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  now: () => number
}

/** Policies as files (docs/policy-files.md): export from the mirror, so it answers offline. */
export function policyFileHandlers(deps: PolicyFileHandlerDeps): HandlersFor<'policy/export'> {
  return {
    'policy/export': ({ format, clusterIds, connectionId }) => {
      const id = deps.connections.resolve(connectionId)
      const summaries = clusterSummaries(deps.db, id, deps.now())
      let chosen = summaries
      if (clusterIds !== undefined) {
        const known = new Set(summaries.map((c) => c.clusterId))
        const unknown = clusterIds.find((c) => !known.has(c))
        if (unknown !== undefined) throw new CoreError('not-found', 'A listed cluster is not in this connection: sync first.', { field: 'clusterIds' })
        const wanted = new Set(clusterIds)
        chosen = summaries.filter((c) => wanted.has(c.clusterId))
      }
      const clusters = exportableClusters(chosen)
      return Promise.resolve({ ...exportPolicies(clusters, format), clusters: clusters.length })
    }
  }
}
