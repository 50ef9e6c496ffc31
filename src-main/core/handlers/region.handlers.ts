import type { CopyRegions } from '#contract/commands/region'
import type { Region } from '../api/zilliz-client.ts'
import type { ClientPool } from '../connections/client-pool.ts'
import { findCachedCluster } from '../fleet/find-cluster.ts'
import type { StoreDatabase } from '../store/database.ts'
import type { HandlersFor } from './types.ts'

type RegionHandlerDeps = {
  db: StoreDatabase
  pool: ClientPool
}

/** Zilliz offers no cross-region copies on Azure (docs/zilliz-api-notes.md#cross-region). */
const NO_COPIES_CLOUDS = new Set(['azure'])

/**
 * `region/list`: the regions a cluster's copies may go to. The region list changes rarely, so it is asked once
 * per connection and kept in memory; a failed ask is not kept, so the next editor opening asks again.
 */
export function regionHandlers(deps: RegionHandlerDeps): HandlersFor<'region/list'> {
  const cache = new Map<string, Promise<Region[]>>()
  const regionsOf = (connectionId: string): Promise<Region[]> => {
    let regions = cache.get(connectionId)
    if (regions === undefined) {
      regions = deps.pool.get(connectionId).then((client) => client.listRegions())
      cache.set(connectionId, regions)
      regions.catch(() => cache.delete(connectionId))
    }
    return regions
  }
  return {
    'region/list': async (target) => {
      const cluster = findCachedCluster(deps.db, target)
      return copyRegions(cluster.regionId, await regionsOf(cluster.connectionId))
    }
  }
}

/** The regions of the cluster's own cloud except its own region; none where copies are not offered. */
function copyRegions(clusterRegionId: string, regions: Region[]): CopyRegions {
  const cloudId = regions.find((r) => r.regionId === clusterRegionId)?.cloudId ?? null
  const copiesSupported = cloudId !== null && !NO_COPIES_CLOUDS.has(cloudId)
  return {
    cloudId,
    copiesSupported,
    regions: copiesSupported
      ? regions.filter((r) => r.cloudId === cloudId && r.regionId !== clusterRegionId).map((r) => ({ regionId: r.regionId }))
      : []
  }
}
