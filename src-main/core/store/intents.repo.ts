import { randomUUID } from 'node:crypto'
import { CoreError } from '#contract/errors'
import { requireConnection } from './connections.repo.ts'
import type { StoreDatabase } from './database.ts'
import { toIso } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/**
 * docs/reliability.md#r25. PENDING: committed before create-backup is sent. CONFIRMED: the API answered 2xx (or
 * reconciliation found the backup). FAILED: refused, or reconciliation proved nothing was created. UNKNOWN: the request
 * may have reached the server; never re-sent, only reconciled.
 */
type IntentState = 'PENDING' | 'CONFIRMED' | 'FAILED' | 'UNKNOWN'

/**
 * `create`: a manual backup request (docs/reliability.md#r25). `first-backup`: the AUTO backup Zilliz starts when a
 * policy is enabled, expected but not requested by id; it is recorded UNKNOWN at once (the policy write went through,
 * the backup is not seen yet) and settled the same way, by id, against the cluster's AUTO backups.
 */
export type IntentKind = 'create' | 'first-backup'

export type BackupIntent = {
  id: string
  kind: IntentKind
  connectionId: string
  clusterId: string
  params: Record<string, unknown>
  /** Skew-corrected server time of the request, for the reconciliation window. */
  requestedAtServerMs: number
  state: IntentState
  backupId: string | null
  jobId: string | null
  error: string | null
  /** The cluster's backups of the intent's creation method before the request; null before schema 4. */
  knownBackupIds: string[] | null
  createdAt: string
  updatedAt: string
}

type NewIntent = {
  id?: string
  connectionId: string
  clusterId: string
  params: Record<string, unknown>
  requestedAtServerMs: number
  knownBackupIds: readonly string[]
}

type IntentRow = {
  id: string
  kind: IntentKind
  connection_id: string
  cluster_id: string
  params: string
  requested_at_server_ms: number
  state: IntentState
  backup_id: string | null
  job_id: string | null
  error: string | null
  known_backup_ids: string | null
  created_at: number
  updated_at: number
}

/** Commits a PENDING intent; refuses (code `busy`) while the cluster already has one (a double click). */
export function beginIntent(db: StoreDatabase, input: NewIntent, now = Date.now()): BackupIntent {
  if (!Number.isInteger(input.requestedAtServerMs)) {
    throw new CoreError('input/invalid', 'requestedAtServerMs must be epoch milliseconds.', { field: 'requestedAtServerMs' })
  }
  const id = input.id ?? randomUUID()
  writeTransaction(db, 'record the backup request', () => {
    requireConnection(db, input.connectionId)
    const pending = db.prepare(
      "SELECT id FROM backup_intents WHERE connection_id = ? AND cluster_id = ? AND state = 'PENDING'"
    ).get(input.connectionId, input.clusterId)
    if (pending !== undefined) {
      throw new CoreError('busy', 'A backup of this cluster was already requested and is not confirmed yet.')
    }
    db.prepare(
      `INSERT INTO backup_intents (id, connection_id, cluster_id, params, requested_at_server_ms, state, known_backup_ids,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)`
    ).run(id, input.connectionId, input.clusterId, JSON.stringify(input.params), input.requestedAtServerMs,
      JSON.stringify(input.knownBackupIds), now, now)
  })
  return getIntent(db, id)
}

/**
 * Records that a policy was just enabled, so Zilliz is starting an AUTO backup that the cluster did not have
 * (`knownBackupIds`). No one-pending-per-cluster rule: nothing is sent on its behalf, so it cannot double anything.
 */
export function expectFirstBackup(db: StoreDatabase, input: NewIntent & { jobId: string }, now = Date.now()): BackupIntent {
  const id = input.id ?? randomUUID()
  writeTransaction(db, 'record the expected first backup', () => {
    requireConnection(db, input.connectionId)
    db.prepare(
      `INSERT INTO backup_intents (id, kind, connection_id, cluster_id, params, requested_at_server_ms, state, job_id,
         known_backup_ids, created_at, updated_at) VALUES (?, 'first-backup', ?, ?, ?, ?, 'UNKNOWN', ?, ?, ?, ?)`
    ).run(id, input.connectionId, input.clusterId, JSON.stringify(input.params), input.requestedAtServerMs, input.jobId,
      JSON.stringify(input.knownBackupIds), now, now)
  })
  return getIntent(db, id)
}

export function confirmIntent(
  db: StoreDatabase,
  id: string,
  result: { backupId: string; jobId: string | null },
  now = Date.now()
): BackupIntent {
  return transition(db, id, ['PENDING', 'UNKNOWN'], 'CONFIRMED', 'confirm the backup request', now, {
    backup_id: result.backupId,
    job_id: result.jobId,
    error: null
  })
}

export function failIntent(db: StoreDatabase, id: string, error: string, now = Date.now()): BackupIntent {
  return transition(db, id, ['PENDING', 'UNKNOWN'], 'FAILED', 'record the failed backup request', now, { error })
}

export function markIntentUnknown(db: StoreDatabase, id: string, now = Date.now()): BackupIntent {
  return transition(db, id, ['PENDING'], 'UNKNOWN', 'record the uncertain backup request', now, {})
}

export function getIntent(db: StoreDatabase, id: string): BackupIntent {
  const row = readQuery('read the backup request', () =>
    db.prepare('SELECT * FROM backup_intents WHERE id = ?').get(id)
  ) as IntentRow | undefined
  if (row === undefined) throw new CoreError('not-found', 'There is no such backup request.')
  return fromRow(row)
}

/**
 * Intents still to reconcile at startup: PENDING, and UNKNOWN unless `includeUnknown` is false; of one kind when
 * `kind` is given.
 */
export function listPendingIntents(
  db: StoreDatabase,
  filter: { connectionId?: string; includeUnknown?: boolean; kind?: IntentKind } = {}
): BackupIntent[] {
  const states = filter.includeUnknown === false ? "('PENDING')" : "('PENDING', 'UNKNOWN')"
  const rows = readQuery('list backup requests', () =>
    db.prepare(
      `SELECT * FROM backup_intents WHERE state IN ${states} AND (@connectionId IS NULL OR connection_id = @connectionId)
         AND (@kind IS NULL OR kind = @kind)
       ORDER BY requested_at_server_ms, created_at, id`
    ).all({ connectionId: filter.connectionId ?? null, kind: filter.kind ?? null })
  ) as IntentRow[]
  return rows.map(fromRow)
}

/** Backup ids of the cluster that requests other than `exceptId` already claimed as theirs. */
export function claimedBackupIds(db: StoreDatabase, connectionId: string, exceptId: string): Set<string> {
  const rows = readQuery('read claimed backups', () =>
    db.prepare('SELECT backup_id FROM backup_intents WHERE connection_id = ? AND backup_id IS NOT NULL AND id <> ?')
      .all(connectionId, exceptId)
  ) as { backup_id: string }[]
  return new Set(rows.map((r) => r.backup_id))
}

function transition(
  db: StoreDatabase,
  id: string,
  from: readonly IntentState[],
  to: IntentState,
  action: string,
  now: number,
  fields: { backup_id?: string; job_id?: string | null; error?: string | null }
): BackupIntent {
  writeTransaction(db, action, () => {
    const current = getIntent(db, id)
    if (current.state === to && to === 'CONFIRMED' && current.backupId === fields.backup_id) return
    if (!from.includes(current.state)) {
      throw new CoreError('input/invalid', `The backup request is ${current.state}; it cannot become ${to}.`)
    }
    db.prepare(
      `UPDATE backup_intents SET state = ?, backup_id = coalesce(?, backup_id), job_id = coalesce(?, job_id),
         error = ?, updated_at = ? WHERE id = ?`
    ).run(to, fields.backup_id ?? null, fields.job_id ?? null, fields.error ?? null, now, id)
  })
  return getIntent(db, id)
}

function fromRow(row: IntentRow): BackupIntent {
  return {
    id: row.id,
    kind: row.kind,
    connectionId: row.connection_id,
    clusterId: row.cluster_id,
    params: JSON.parse(row.params) as Record<string, unknown>,
    requestedAtServerMs: row.requested_at_server_ms,
    state: row.state,
    backupId: row.backup_id,
    jobId: row.job_id,
    error: row.error,
    knownBackupIds: row.known_backup_ids === null ? null : (JSON.parse(row.known_backup_ids) as string[]),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at)
  }
}
