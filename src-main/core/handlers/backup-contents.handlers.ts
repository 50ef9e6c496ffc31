import type { BackupCollection } from '#contract/commands/backup-contents'
import type { BackupCollection as ApiBackupCollection } from '../api/normalize.ts'
import type { ClientPool } from '../connections/client-pool.ts'
import { findCachedCluster } from '../fleet/find-cluster.ts'
import type { StoreDatabase } from '../store/database.ts'
import type { HandlersFor } from './types.ts'

type BackupContentsHandlerDeps = {
  db: StoreDatabase
  pool: ClientPool
}

/** The API's flat `collections` form names no database: they are the default database's (docs/zilliz-api-notes.md#describe-backup). */
const DEFAULT_DB = 'default'

/**
 * `backup/collections`: what a backup holds, from describe backup. Not mirrored (a sync would describe every
 * backup of the fleet), so it is asked when the admin opens a restore; errors reach the dialog as they are.
 */
export function backupContentsHandlers(deps: BackupContentsHandlerDeps): HandlersFor<'backup/collections'> {
  return {
    'backup/collections': async ({ clusterId, backupId, connectionId }) => {
      const owner = findCachedCluster(deps.db, { clusterId, connectionId })
      const client = await deps.pool.get(owner.connectionId)
      const detail = await client.describeBackup(clusterId, backupId)
      return detail.collections.map(toCollection)
    }
  }
}

function toCollection(c: ApiBackupCollection): BackupCollection {
  return { dbName: c.dbName ?? DEFAULT_DB, collectionName: c.collectionName, status: c.status }
}
