import type { Backup } from '#contract/models/backup'
import type { StoreDatabase } from './database.ts'
import { toIso } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

export type NewestBackup = {
  clusterId: string
  backupId: string
  createTime: string
  status: string
  creationMethod: string
}

/** Each cluster's newest AVAILABLE backup and its newest backup of any status, in one pass. */
export function newestBackupsByCluster(
  db: StoreDatabase,
  connectionId?: string
): { newestGood: Map<string, NewestBackup>; newestAny: Map<string, NewestBackup> } {
  type Row = { cluster_id: string; backup_id: string; create_time: number; status: string; creation_method: string }
  const query = (statusFilter: string): Row[] =>
    readQuery('read the newest backups', () =>
      db
        .prepare(
          `SELECT b.cluster_id, b.backup_id, b.create_time, b.status, b.creation_method FROM backups b
           JOIN (SELECT cluster_id, max(create_time) AS newest FROM backups
                 WHERE (@connectionId IS NULL OR connection_id = @connectionId) ${statusFilter} GROUP BY cluster_id) n
             ON n.cluster_id = b.cluster_id AND n.newest = b.create_time
           WHERE (@connectionId IS NULL OR b.connection_id = @connectionId) ${statusFilter.replace('AND status', 'AND b.status')}`
        )
        .all({ connectionId: connectionId ?? null })
    ) as Row[]
  const toMap = (rows: Row[]): Map<string, NewestBackup> =>
    new Map(
      rows.map((r) => [
        r.cluster_id,
        { clusterId: r.cluster_id, backupId: r.backup_id, createTime: toIso(r.create_time), status: r.status, creationMethod: r.creation_method }
      ])
    )
  return { newestGood: toMap(query("AND status = 'AVAILABLE'")), newestAny: toMap(query('')) }
}

/** Drops one backup from the cache at once after the admin deleted it, instead of waiting for the next sync. */
export function removeCachedBackup(db: StoreDatabase, connectionId: string, backupId: string): void {
  writeTransaction(db, 'remove the deleted backup from the cache', () => {
    db.prepare('DELETE FROM backups WHERE connection_id = ? AND backup_id = ?').run(connectionId, backupId)
  })
}

/** Counts backups per status for a connection (for sync results and summaries). */
export function countCachedBackups(db: StoreDatabase, connectionId: string): number {
  const row = readQuery('count the cached backups', () =>
    db.prepare('SELECT count(*) AS n FROM backups WHERE connection_id = ?').get(connectionId)
  ) as { n: number }
  return row.n
}

export type { Backup }
