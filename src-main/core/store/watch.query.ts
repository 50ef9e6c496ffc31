import type { WatchBackup, WatchInputs, WatchJob, WatchPolicy } from '../schedule/watch-inputs.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

export type PolicyRow = { connection_id: string; cluster_id: string; cluster_name: string; policy: string }

type BackupRow = {
  connection_id: string
  backup_id: string
  backup_name: string
  cluster_id: string
  cluster_name: string
  create_time: number
  expire_time: number | null
  is_newest: number
}

// "Newest" = no AVAILABLE backup of the same cluster was created later (index backups_by_cluster).
const BACKUP_COLUMNS = `b.connection_id, b.backup_id, b.backup_name, b.cluster_id, b.cluster_name, b.create_time, b.expire_time,
  NOT EXISTS (SELECT 1 FROM backups n WHERE n.cluster_id = b.cluster_id AND n.connection_id = b.connection_id
              AND n.status = 'AVAILABLE' AND n.create_time > b.create_time) AS is_newest`

/**
 * The ledger's unique key (cluster_id, kind, slot, connection; schema 12) answers "already noted?" with one
 * index probe on `${alias}`'s row.
 */
function notYetNoted(slotColumn: string, alias = 'b'): string {
  return `NOT EXISTS (SELECT 1 FROM notifications x
                      WHERE x.cluster_id = ${alias}.cluster_id AND x.kind = ? AND x.slot = ${slotColumn}
                        AND x.connection_id = ${alias}.connection_id)`
}

/**
 * The watcher's input port over the cache tables of schema 1 (read-only). Every query is a range or MIN
 * over an index from schema 2, so re-planning touches only what is due, not the whole backup list.
 */
export function createWatchQueries(db: StoreDatabase): WatchInputs {
  const backups = (sql: string, ...params: unknown[]): WatchBackup[] =>
    readQuery('read backups for the watcher', () => (db.prepare(sql).all(...params) as BackupRow[]).map(toBackup))
  const scalar = (sql: string, ...params: unknown[]): number | null =>
    readQuery('read the watcher schedule', () => {
      const row = db.prepare(sql).get(...params) as { v: number | null } | undefined
      return row?.v ?? null
    })
  return {
    enabledPolicies: () =>
      readQuery('read policies for the watcher', () =>
        (
          db
            .prepare(
              `SELECT p.connection_id, p.cluster_id, COALESCE(c.cluster_name, p.cluster_id) AS cluster_name, p.policy
               FROM policies p
               LEFT JOIN clusters c ON c.connection_id = p.connection_id AND c.cluster_id = p.cluster_id
               ORDER BY p.cluster_id`
            )
            .all() as PolicyRow[]
        ).flatMap(toEnabledPolicy)
      ),
    availableExpiringIn: (fromMs, toMs, notedAs) =>
      backups(
        `SELECT ${BACKUP_COLUMNS} FROM backups b
         WHERE b.status = 'AVAILABLE' AND b.expire_time > ? AND b.expire_time <= ?
           AND ${notYetNoted('b.expire_time')} ORDER BY b.expire_time`,
        fromMs,
        toMs,
        notedAs
      ),
    availableExpiringBetween: (fromMs, toMs) =>
      backups(
        `SELECT ${BACKUP_COLUMNS} FROM backups b
         WHERE b.status = 'AVAILABLE' AND b.expire_time > ? AND b.expire_time <= ? ORDER BY b.expire_time, b.backup_id`,
        fromMs,
        toMs
      ),
    nextExpiryAfter: (afterMs) =>
      scalar(`SELECT MIN(expire_time) AS v FROM backups WHERE status = 'AVAILABLE' AND expire_time > ?`, afterMs),
    creatingSince: (beforeMs) =>
      backups(
        `SELECT ${BACKUP_COLUMNS} FROM backups b
         WHERE b.status = 'CREATING' AND b.create_time <= ? AND ${notYetNoted('b.create_time')}
         ORDER BY b.create_time`,
        beforeMs,
        'stuck'
      ),
    nextCreatingAfter: (afterMs) =>
      scalar(`SELECT MIN(create_time) AS v FROM backups WHERE status = 'CREATING' AND create_time > ?`, afterMs),
    failedJobsEndedIn: (fromMs, toMs) =>
      readQuery('read failed jobs for the watcher', () =>
        db
          .prepare(
            `SELECT j.connection_id AS connectionId, j.job_id AS jobId, j.cluster_id AS clusterId,
                    COALESCE(c.cluster_name, j.cluster_id) AS clusterName,
                    j.type AS type, j.end_time AS endTimeMs, j.reason AS reason, j.backup_id AS backupId
             FROM jobs j
             LEFT JOIN clusters c ON c.connection_id = j.connection_id AND c.cluster_id = j.cluster_id
             WHERE j.status = 'FAILED' AND j.end_time > ? AND j.end_time <= ?
               AND ${notYetNoted('j.end_time', 'j')}
             ORDER BY j.end_time`
          )
          .all(fromMs, toMs, 'failed') as WatchJob[]
      ),
    clustersWithAutoBackupIn: (connectionId, clusterIds, fromMs, toMs) =>
      readQuery('check backup windows', () => {
        const found = db
          .prepare(
            `SELECT DISTINCT cluster_id AS id FROM backups
             WHERE creation_method = 'AUTO' AND cluster_id IN (SELECT value FROM json_each(?))
               AND connection_id = ? AND create_time >= ? AND create_time <= ?`
          )
          .all(JSON.stringify(clusterIds), connectionId, fromMs, toMs) as { id: string }[]
        return new Set(found.map((r) => r.id))
      }),
    connectionAddedAt: (connectionId) => scalar('SELECT created_at AS v FROM connections WHERE id = ?', connectionId),
    lastSuccessfulSync: (connectionId) =>
      // The START of the last sync, and only when that sync is the last successful one with a complete
      // backup list: a backup created after the list was read may be missing, and a failed or running
      // sync proves nothing. The start of an earlier successful sync is not stored, so this is then null.
      scalar(
        `SELECT s.last_started_at AS v FROM sync_state s JOIN connections c ON c.id = s.connection_id
         WHERE s.connection_id = ? AND s.last_error IS NULL AND s.backups_stale = 0
           AND s.last_started_at IS NOT NULL AND s.last_finished_at >= s.last_started_at
           AND c.last_sync_at = s.last_finished_at`,
        connectionId
      )
  }
}

/**
 * Plain JSON.parse and type checks: five json_extract calls or a zod parse per row cost many times more on
 * a fleet of 1,000, and the store validated the policy when it was written. A malformed row is skipped.
 */
/** A cached policy row as the watcher reads it: enabled with a weekday list and a window, else nothing. */
export function toEnabledPolicy(row: PolicyRow): WatchPolicy[] {
  let value: unknown
  try {
    value = JSON.parse(row.policy)
  } catch {
    return []
  }
  if (typeof value !== 'object' || value === null) return []
  const p = value as Record<string, unknown>
  const { enabled, frequency, startTime, retentionDays } = p
  if (enabled !== true || typeof frequency !== 'string' || typeof startTime !== 'string') return []
  return [
    {
      connectionId: row.connection_id,
      clusterId: row.cluster_id,
      clusterName: row.cluster_name,
      frequency,
      startTime,
      retentionDays: typeof retentionDays === 'number' ? retentionDays : 0
    }
  ]
}

function toBackup(row: BackupRow): WatchBackup {
  return {
    connectionId: row.connection_id,
    backupId: row.backup_id,
    backupName: row.backup_name,
    clusterId: row.cluster_id,
    clusterName: row.cluster_name,
    createTimeMs: row.create_time,
    expireTimeMs: row.expire_time,
    isNewest: row.is_newest === 1
  }
}
