import { CoreError } from '#contract/errors'
import type { Cluster } from '#contract/models/cluster'
import type { StoreDatabase } from '../store/database.ts'
import { findClusterCopies } from '../store/cluster-lookup.query.ts'

/** Which cluster a command is about: its id, and the connection it was asked through when the caller knows it. */
export type ClusterTarget = { clusterId: string; connectionId?: string | undefined }

/**
 * The cached cluster a command acts on or reads. Cluster ids are unique in Zilliz Cloud, but one organization can be
 * added twice (a read-only and an admin key, a staging and a production connection, two emulators): with a
 * connection, the cluster must be that connection's; without one, it must be the only copy. An id two connections
 * list is refused with `input/invalid` naming `connectionId`, never resolved by a guess (an action sent from B's row
 * must not run against A).
 */
export function findCachedCluster(db: StoreDatabase, target: ClusterTarget): Cluster {
  const copies = findClusterCopies(db, target.clusterId, target.connectionId)
  const [cluster] = copies
  if (cluster === undefined) {
    const where = target.connectionId === undefined ? 'the cache' : "this connection's cache"
    throw new CoreError('not-found', `The cluster is not in ${where}: sync first.`, { field: 'clusterId' })
  }
  if (copies.length > 1) throw ambiguousCluster()
  return cluster
}

/**
 * The scope of a read of a cluster's history, which outlives the cache (a dropped cluster keeps its history): the
 * same rule as `findCachedCluster` while the cluster is cached, its id alone once no connection lists it.
 */
export function historyScope(db: StoreDatabase, target: ClusterTarget): { clusterId: string; connectionId?: string } {
  if (target.connectionId !== undefined) return { clusterId: target.clusterId, connectionId: target.connectionId }
  const copies = findClusterCopies(db, target.clusterId, undefined)
  if (copies.length > 1) throw ambiguousCluster()
  const [cluster] = copies
  return cluster === undefined ? { clusterId: target.clusterId } : { clusterId: target.clusterId, connectionId: cluster.connectionId }
}

/** The refusal of a cluster id two connections list, when the caller named no connection. */
export function ambiguousCluster(): CoreError {
  return new CoreError('input/invalid', 'connectionId: two connections list this cluster; name the connection to use.', { field: 'connectionId' })
}
