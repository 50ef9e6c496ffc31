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

/** Each cluster's newest backup of any status (the Fleet row's "newest backup"), in one grouped read. */
export function newestBackupByCluster(db: StoreDatabase, connectionId?: string): Map<string, NewestBackup> {
  type Row = { cluster_id: string; backup_id: string; create_time: number; status: string; creation_method: string }
  // With max() SQLite takes the other bare columns from the row holding the maximum.
  const rows = readQuery('read the newest backups', () =>
    db
      .prepare(
        `SELECT cluster_id, backup_id, max(create_time) AS create_time, status, creation_method FROM backups
         WHERE (@connectionId IS NULL OR connection_id = @connectionId)
         GROUP BY cluster_id`
      )
      .all({ connectionId: connectionId ?? null })
  ) as Row[]
  return new Map(
    rows.map((r) => [
      r.cluster_id,
      { clusterId: r.cluster_id, backupId: r.backup_id, createTime: toIso(r.create_time), status: r.status, creationMethod: r.creation_method }
    ])
  )
}
