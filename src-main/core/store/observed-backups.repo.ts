import { clustersParam, inClusters } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { toIso } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/** A backup as the history remembers it (schema 3), times as epoch ms. */
export type ObservedBackup = {
  connectionId: string
  backupId: string
  backupName: string
  clusterId: string
  backupType: 'CLUSTER' | 'COLLECTION'
  creationMethod: 'AUTO' | 'MANUAL'
  status: 'AVAILABLE' | 'CREATING' | 'DELETED' | 'EXPIRED'
  size: number
  createMs: number
  expireMs: number | null
  firstSeenMs: number
  lastSeenMs: number
  goneMs: number | null
  wasAvailable: boolean
}

type Row = {
  connection_id: string
  backup_id: string
  backup_name: string
  cluster_id: string
  backup_type: ObservedBackup['backupType']
  creation_method: ObservedBackup['creationMethod']
  status: ObservedBackup['status']
  size: number
  create_time: number
  expire_time: number | null
  first_seen_at: number
  last_seen_at: number
  gone_at: number | null
  was_available: number
  seen_last: number
}

/**
 * Folds the connection's freshly replaced backup cache into the history, set-based so a 100,000-backup sync pays
 * a few statements, not a round trip per row, and writes only new or changed rows: status changes are recorded,
 * new backups inserted (first seen = now), the connection's list time moved to now, and known backups missing
 * from the complete list become EXPIRED (their expire time has passed) or DELETED. Call it only after a COMPLETE backup list replaced the cache, never after a partial one.
 */
export function recordObservedBackups(db: StoreDatabase, connectionId: string, nowMs: number): void {
  writeTransaction(db, 'record the backup history', () => {
    const previous = db.prepare('SELECT seen_at FROM observed_lists WHERE connection_id = ?').get(connectionId) as { seen_at: number } | undefined
    const params = { c: connectionId, now: nowMs, prev: previous?.seen_at ?? nowMs }
    db.prepare(
      `INSERT INTO observed_backup_statuses (connection_id, backup_id, status, at)
       SELECT b.connection_id, b.backup_id, b.status, @now FROM backups b
       JOIN observed_backups o ON o.backup_id = b.backup_id AND o.connection_id = b.connection_id
       WHERE b.connection_id = @c AND o.status <> b.status`
    ).run(params)
    // Only new or changed rows are written: an unchanged listed backup's last sighting is observed_lists.seen_at.
    db.prepare(
      `INSERT INTO observed_backups (connection_id, backup_id, backup_name, cluster_id, backup_type, creation_method,
         status, size, create_time, expire_time, first_seen_at, last_seen_at, gone_at, was_available)
       SELECT connection_id, backup_id, backup_name, cluster_id, backup_type, creation_method, status, size,
         create_time, expire_time, @now, @now, NULL, status = 'AVAILABLE'
       FROM backups WHERE connection_id = @c AND 1
       ON CONFLICT (backup_id, connection_id) DO UPDATE SET backup_name = excluded.backup_name,
         status = excluded.status, size = excluded.size, expire_time = excluded.expire_time,
         last_seen_at = excluded.last_seen_at, gone_at = NULL,
         was_available = max(observed_backups.was_available, excluded.was_available)
       WHERE observed_backups.status <> excluded.status OR observed_backups.gone_at IS NOT NULL
         OR observed_backups.backup_name <> excluded.backup_name OR observed_backups.size <> excluded.size
         OR observed_backups.expire_time IS NOT excluded.expire_time`
    ).run(params)
    const gone = `connection_id = @c AND gone_at IS NULL AND NOT EXISTS
      (SELECT 1 FROM backups b WHERE b.backup_id = observed_backups.backup_id AND b.connection_id = @c)`
    const goneStatus = `CASE WHEN expire_time IS NOT NULL AND expire_time <= @now THEN 'EXPIRED' ELSE 'DELETED' END`
    db.prepare(
      `INSERT INTO observed_backup_statuses (connection_id, backup_id, status, at)
       SELECT connection_id, backup_id, ${goneStatus}, @now FROM observed_backups WHERE ${gone}`
    ).run(params)
    db.prepare(`UPDATE observed_backups SET gone_at = @now, status = ${goneStatus}, last_seen_at = max(last_seen_at, @prev) WHERE ${gone}`).run(params)
    db.prepare(
      `INSERT INTO observed_lists (connection_id, seen_at) VALUES (@c, @now)
       ON CONFLICT (connection_id) DO UPDATE SET seen_at = excluded.seen_at`
    ).run(params)
  })
}

/** The admin deleted a backup through the app: the history says so at once, like the cache. */
export function markObservedDeleted(db: StoreDatabase, connectionId: string, backupId: string, nowMs: number): void {
  writeTransaction(db, 'record the deleted backup in the history', () => {
    const changed = db.prepare(
      `UPDATE observed_backups SET status = 'DELETED', gone_at = @now, last_seen_at = max(last_seen_at,
         coalesce((SELECT seen_at FROM observed_lists WHERE connection_id = @c), last_seen_at))
       WHERE connection_id = @c AND backup_id = @b AND gone_at IS NULL`
    ).run({ c: connectionId, b: backupId, now: nowMs })
    if (changed.changes > 0) {
      db.prepare('INSERT INTO observed_backup_statuses (connection_id, backup_id, status, at) VALUES (?, ?, ?, ?)')
        .run(connectionId, backupId, 'DELETED', nowMs)
    }
  })
}

/** Forgets backups gone from the API before `beforeMs`; listed backups are never pruned. Returns how many. */
export function pruneObservedBackups(db: StoreDatabase, beforeMs: number): number {
  return writeTransaction(db, 'prune the backup history', () =>
    db.prepare('DELETE FROM observed_backups WHERE gone_at IS NOT NULL AND gone_at < ?').run(beforeMs).changes
  )
}

type ObservedQuery = { clusterIds?: readonly string[]; connectionId?: string; fromMs?: number; toMs?: number }

/**
 * Observed backups created in [fromMs, toMs), oldest first. A cluster list is matched in SQL through json_each,
 * so the report's 1,000 clusters are one statement.
 */
export function listObservedBackups(db: StoreDatabase, q: ObservedQuery): ObservedBackup[] {
  const rows = readQuery('read the backup history', () =>
    db
      .prepare(
        `SELECT o.*, CASE WHEN o.gone_at IS NULL THEN coalesce(l.seen_at, o.last_seen_at) ELSE o.last_seen_at END AS seen_last
         FROM observed_backups o LEFT JOIN observed_lists l ON l.connection_id = o.connection_id
         WHERE ${inClusters('o.cluster_id', q.clusterIds)} AND (@c IS NULL OR o.connection_id = @c)
           AND (@from IS NULL OR o.create_time >= @from) AND (@to IS NULL OR o.create_time < @to)
         ORDER BY o.cluster_id, o.create_time, o.backup_id`
      )
      .all({
        clusters: clustersParam(q.clusterIds),
        c: q.connectionId ?? null,
        from: q.fromMs ?? null,
        to: q.toMs ?? null
      })
  ) as Row[]
  return rows.map(fromRow)
}

type StatusChange = { backupId: string; status: ObservedBackup['status']; at: string }

/** The status changes of the given backups (of one connection), oldest first. */
export function listStatusChanges(db: StoreDatabase, connectionId: string, backupIds: readonly string[]): StatusChange[] {
  const rows = readQuery('read the backup status changes', () =>
    db
      .prepare(
        `SELECT backup_id, status, at FROM observed_backup_statuses
         WHERE connection_id = ? AND backup_id IN (SELECT value FROM json_each(?)) ORDER BY at, rowid`
      )
      .all(connectionId, JSON.stringify(backupIds))
  ) as { backup_id: string; status: ObservedBackup['status']; at: number }[]
  return rows.map((r) => ({ backupId: r.backup_id, status: r.status, at: toIso(r.at) }))
}

function fromRow(r: Row): ObservedBackup {
  return {
    connectionId: r.connection_id,
    backupId: r.backup_id,
    backupName: r.backup_name,
    clusterId: r.cluster_id,
    backupType: r.backup_type,
    creationMethod: r.creation_method,
    status: r.status,
    size: r.size,
    createMs: r.create_time,
    expireMs: r.expire_time,
    firstSeenMs: r.first_seen_at,
    lastSeenMs: r.seen_last,
    goneMs: r.gone_at,
    wasAvailable: r.was_available === 1
  }
}

