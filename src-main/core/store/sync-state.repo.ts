import { FAILURE_CAUSES, type FailureCause } from '#contract/causes'
import type { StoreDatabase } from './database.ts'
import { requireConnection } from './connections.repo.ts'
import { toIsoOrNull } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/** Where a connection's sync stands, and which cached lists may be out of date. */
type SyncState = {
  connectionId: string
  lastStartedAt: string | null
  lastFinishedAt: string | null
  lastError: string | null
  /** The cause of the last failed attempt (contract/causes.ts); null after a success. */
  lastErrorCause: FailureCause | null
  stale: { projects: boolean; clusters: boolean; policies: boolean; backups: boolean }
}

type SyncStateRow = {
  connection_id: string
  last_started_at: number | null
  last_finished_at: number | null
  last_error: string | null
  last_error_cause: string | null
  projects_stale: number
  clusters_stale: number
  policies_stale: number
  backups_stale: number
}

export function recordSyncStarted(db: StoreDatabase, connectionId: string, now = Date.now()): void {
  writeTransaction(db, 'record the sync start', () => {
    requireConnection(db, connectionId)
    db.prepare('UPDATE sync_state SET last_started_at = ? WHERE connection_id = ?').run(now, connectionId)
  })
}

/** `error` null means success: the connection's `last_sync_at` moves forward and its error clears. */
export function recordSyncFinished(
  db: StoreDatabase,
  connectionId: string,
  error: string | null,
  now = Date.now(),
  cause: FailureCause | null = null
): void {
  writeTransaction(db, 'record the sync result', () => {
    requireConnection(db, connectionId)
    db.prepare('UPDATE sync_state SET last_finished_at = ?, last_error = ?, last_error_cause = ? WHERE connection_id = ?').run(
      now, error, error === null ? null : (cause ?? 'internal'), connectionId
    )
    if (error === null) {
      db.prepare('UPDATE connections SET last_sync_at = ?, last_sync_error = NULL WHERE id = ?').run(now, connectionId)
    } else {
      db.prepare('UPDATE connections SET last_sync_error = ? WHERE id = ?').run(error, connectionId)
    }
  })
}

export function getSyncState(db: StoreDatabase, connectionId: string): SyncState | null {
  const row = readQuery('read the sync state', () =>
    db.prepare('SELECT * FROM sync_state WHERE connection_id = ?').get(connectionId)
  ) as SyncStateRow | undefined
  if (row === undefined) return null
  return {
    connectionId: row.connection_id,
    lastStartedAt: toIsoOrNull(row.last_started_at),
    lastFinishedAt: toIsoOrNull(row.last_finished_at),
    lastError: row.last_error,
    lastErrorCause: row.last_error === null ? null : (FAILURE_CAUSES.find((c) => c === row.last_error_cause) ?? 'internal'),
    stale: {
      projects: row.projects_stale === 1,
      clusters: row.clusters_stale === 1,
      policies: row.policies_stale === 1,
      backups: row.backups_stale === 1
    }
  }
}
