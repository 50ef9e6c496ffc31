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

/** Each cluster's newest AVAILABLE backup and its newest backup of any status. */
export function newestBackupsByCluster(
  db: StoreDatabase,
  connectionId?: string
): { newestGood: Map<string, NewestBackup>; newestAny: Map<string, NewestBackup> } {
  type Row = { cluster_id: string; backup_id: string; create_time: number; status: string; creation_method: string }
  // With max() SQLite takes the other bare columns from the row holding the maximum.
  const newest = (onlyAvailable: boolean): Map<string, NewestBackup> => {
    const rows = readQuery('read the newest backups', () =>
      db
        .prepare(
          `SELECT cluster_id, backup_id, max(create_time) AS create_time, status, creation_method FROM backups
           WHERE (@connectionId IS NULL OR connection_id = @connectionId) AND (@onlyAvailable = 0 OR status = 'AVAILABLE')
           GROUP BY cluster_id`
        )
        .all({ connectionId: connectionId ?? null, onlyAvailable: onlyAvailable ? 1 : 0 })
    ) as Row[]
    return new Map(
      rows.map((r) => [
        r.cluster_id,
        { clusterId: r.cluster_id, backupId: r.backup_id, createTime: toIso(r.create_time), status: r.status, creationMethod: r.creation_method }
      ])
    )
  }
  return { newestGood: newest(true), newestAny: newest(false) }
}
