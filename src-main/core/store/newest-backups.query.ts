import { clustersParam, inClusters } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { toIso } from './time.ts'
import { readQuery } from './transaction.ts'

export type NewestBackup = {
  clusterId: string
  backupId: string
  createTime: string
  status: string
  creationMethod: string
}

/**
 * Each cached cluster's newest backup of any status (the Fleet row's "newest backup"): one seek per cluster into
 * `backups_by_cluster`, newest first, instead of grouping every cached backup; only `clusterIds` when given (the
 * Fleet's first rows).
 */
export function newestBackupByCluster(db: StoreDatabase, connectionId?: string, clusterIds?: readonly string[]): Map<string, NewestBackup> {
  type Row = { cluster_id: string; backup_id: string; create_time: number; status: string; creation_method: string }
  const rows = readQuery('read the newest backups', () =>
    db
      .prepare(
        `SELECT c.cluster_id, b.backup_id, b.create_time, b.status, b.creation_method
         FROM clusters c JOIN backups b ON b.rowid = (
           SELECT x.rowid FROM backups x WHERE x.cluster_id = c.cluster_id AND x.connection_id = c.connection_id
           ORDER BY x.create_time DESC LIMIT 1)
         WHERE (@connectionId IS NULL OR c.connection_id = @connectionId) AND ${inClusters('c.cluster_id', clusterIds)}`
      )
      .all({ connectionId: connectionId ?? null, clusters: clustersParam(clusterIds) })
  ) as Row[]
  return new Map(
    rows.map((r) => [
      r.cluster_id,
      { clusterId: r.cluster_id, backupId: r.backup_id, createTime: toIso(r.create_time), status: r.status, creationMethod: r.creation_method }
    ])
  )
}
