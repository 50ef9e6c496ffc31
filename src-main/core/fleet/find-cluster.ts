import { CoreError } from '#contract/errors'
import type { Cluster } from '#contract/models/cluster'
import type { StoreDatabase } from '../store/database.ts'
import { listClusters } from '../store/cache.query.ts'

/**
 * The cached cluster a command is about. Cluster ids are unique in Zilliz Cloud, but two connections can
 * mirror the same organization (or two emulators share a seed): the active connection's copy wins.
 */
export function findCachedCluster(db: StoreDatabase, clusterId: string, activeConnectionId: string | null): Cluster {
  const matches = listClusters(db).filter((c) => c.clusterId === clusterId)
  const cluster = matches.find((c) => c.connectionId === activeConnectionId) ?? matches[0]
  if (cluster === undefined) throw new CoreError('not-found', 'The cluster is not in the cache: sync first.', { field: 'clusterId' })
  return cluster
}
