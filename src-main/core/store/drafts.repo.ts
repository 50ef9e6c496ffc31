import { randomUUID } from 'node:crypto'
import { CoreError } from '#contract/errors'
import type { Draft, DraftState } from '#contract/models/draft'
import { backupPolicySchema, type BackupPolicy } from '#contract/models/policy'
import { parsePolicyInput as parsePolicy } from './policy-json.ts'
import type { StoreDatabase } from './database.ts'
import { organizationColumns, organizationOf, type OrganizationColumns } from './organization.query.ts'
import { toIso } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/*
 * Model: a cluster has at most one open draft (any state but `synced`), enforced by a UNIQUE partial index.
 * Saving again edits that draft in place (same id) and puts it back to `local`. A `synced` draft is closed: it
 * stays as a record until discarded, and the next save for the cluster opens a new draft. Drafts have no
 * foreign key, so cache rebuilds and clusters leaving the cache never take them away.
 */

export type SaveDraftInput = {
  connectionId: string
  clusterId: string
  policy: BackupPolicy
  /** The mirrored remote policy the admin started from; null when drafted before any sync. */
  basePolicy: BackupPolicy | null
  /** The template a fleet plan applies through this draft (kept for the policy history). */
  templateName?: string | undefined
}

type DraftRow = OrganizationColumns & {
  id: string
  connection_id: string
  cluster_id: string
  policy: string
  base_policy: string | null
  state: DraftState
  error: string | null
  template_name: string | null
  cluster_name: string | null
  organization_name: string | null
  updated_at: number
}

/*
 * A draft names its cluster and organization from the live mirror while it lists them, and otherwise from the
 * names stored at its last save (schema 8): a detached draft never shows as a raw id.
 */
const SELECT_DRAFTS = `SELECT d.id, d.connection_id, d.cluster_id, d.policy, d.base_policy, d.state, d.error, d.template_name,
    d.updated_at, COALESCE(k.cluster_name, d.cluster_name) AS cluster_name,
    COALESCE(o.name, d.organization_name) AS organization_name, ${organizationColumns('o')}
  FROM drafts d
  LEFT JOIN clusters k ON k.connection_id = d.connection_id AND k.cluster_id = d.cluster_id
  LEFT JOIN connections o ON o.id = d.connection_id`

/** Stores the mirror's current names beside the draft (run after each insert or update of `id`). */
const REMEMBER_NAMES = `UPDATE drafts SET
    cluster_name = COALESCE((SELECT k.cluster_name FROM clusters k WHERE k.connection_id = drafts.connection_id
      AND k.cluster_id = drafts.cluster_id), cluster_name),
    organization_name = COALESCE((SELECT c.name FROM connections c WHERE c.id = drafts.connection_id), organization_name)
  WHERE id = ?`

export function saveDraft(db: StoreDatabase, input: SaveDraftInput, now = Date.now()): Draft {
  const policy = JSON.stringify(parsePolicy(input.policy, 'policy'))
  const base = input.basePolicy === null ? null : JSON.stringify(parsePolicy(input.basePolicy, 'basePolicy'))
  const templateName = input.templateName ?? null
  if (input.clusterId === '' || input.connectionId === '') {
    throw new CoreError('input/invalid', 'A draft needs a connection and a cluster.', { field: 'clusterId' })
  }
  const id = writeTransaction(db, 'save the draft', () => {
    const open = findOpenRow(db, input.connectionId, input.clusterId)
    if (open === undefined) {
      const newId = randomUUID()
      db.prepare(
        `INSERT INTO drafts (id, connection_id, cluster_id, policy, base_policy, state, template_name, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'local', ?, ?, ?)`
      ).run(newId, input.connectionId, input.clusterId, policy, base, templateName, now, now)
      db.prepare(REMEMBER_NAMES).run(newId)
      return newId
    }
    if (open.state === 'syncing') {
      throw new CoreError('busy', 'This draft is being pushed right now; edit it again when the push has finished.')
    }
    db.prepare(
      "UPDATE drafts SET policy = ?, base_policy = ?, state = 'local', error = NULL, template_name = ?, updated_at = ? WHERE id = ?"
    ).run(policy, base, templateName, now, open.id)
    db.prepare(REMEMBER_NAMES).run(open.id)
    return open.id
  })
  return getDraft(db, id)
}

export function getDraft(db: StoreDatabase, id: string): Draft {
  const row = readQuery('read the draft', () => db.prepare(`${SELECT_DRAFTS} WHERE d.id = ?`).get(id)) as
    | DraftRow
    | undefined
  if (row === undefined) throw new CoreError('not-found', 'There is no such draft.', { field: 'id' })
  return fromRow(row)
}

/** The cluster's open draft, if any. */
export function findOpenDraft(db: StoreDatabase, connectionId: string, clusterId: string): Draft | null {
  const row = readQuery('read the draft', () => findOpenRow(db, connectionId, clusterId))
  return row === undefined ? null : fromRow(row)
}

export function listDrafts(
  db: StoreDatabase,
  filter: { connectionId?: string; clusterId?: string; states?: readonly DraftState[] } = {}
): Draft[] {
  const states = filter.states === undefined ? null : JSON.stringify(filter.states)
  const rows = readQuery('list drafts', () =>
    db.prepare(
      `${SELECT_DRAFTS} WHERE (@connectionId IS NULL OR d.connection_id = @connectionId)
         AND (@clusterId IS NULL OR d.cluster_id = @clusterId)
         AND (@states IS NULL OR d.state IN (SELECT value FROM json_each(@states)))
       ORDER BY d.updated_at DESC, d.id`
    ).all({ connectionId: filter.connectionId ?? null, clusterId: filter.clusterId ?? null, states })
  ) as DraftRow[]
  return rows.map(fromRow)
}

/** Moves a draft through the push outbox; `error` is kept only for `failed` and `conflict`. */
export function setDraftState(
  db: StoreDatabase,
  id: string,
  state: DraftState,
  error: string | null = null,
  now = Date.now()
): Draft {
  // A queued draft keeps why it waits (Zilliz Cloud unreachable, no key stored, rate limited): the card says which.
  const keptError = state === 'failed' || state === 'conflict' || state === 'queued' ? error : null
  writeTransaction(db, 'update the draft', () => {
    const result = db.prepare('UPDATE drafts SET state = ?, error = ?, updated_at = ? WHERE id = ?').run(
      state, keptError, now, id
    )
    if (result.changes === 0) throw new CoreError('not-found', 'There is no such draft.', { field: 'id' })
  })
  return getDraft(db, id)
}

/** Replaces a draft's policy and base in place, keeping its state (the outbox, merging during a push). */
export function rebaseDraft(db: StoreDatabase, id: string, policy: BackupPolicy, basePolicy: BackupPolicy, now = Date.now()): Draft {
  const mine = JSON.stringify(parsePolicy(policy, 'policy'))
  const base = JSON.stringify(parsePolicy(basePolicy, 'basePolicy'))
  writeTransaction(db, 'rebase the draft', () => {
    const result = db.prepare('UPDATE drafts SET policy = ?, base_policy = ?, updated_at = ? WHERE id = ?').run(mine, base, now, id)
    if (result.changes === 0) throw new CoreError('not-found', 'The draft no longer exists.')
  })
  return getDraft(db, id)
}

/** Deletes a draft the admin no longer wants. A draft being pushed cannot be discarded mid-push. */
export function discardDraft(db: StoreDatabase, id: string): void {
  writeTransaction(db, 'discard the draft', () => {
    const row = db.prepare('SELECT state FROM drafts WHERE id = ?').get(id) as { state: DraftState } | undefined
    if (row === undefined) throw new CoreError('not-found', 'There is no such draft.', { field: 'id' })
    if (row.state === 'syncing') throw new CoreError('busy', 'This draft is being pushed right now.')
    db.prepare('DELETE FROM drafts WHERE id = ?').run(id)
  })
}

function findOpenRow(db: StoreDatabase, connectionId: string, clusterId: string): DraftRow | undefined {
  return db
    .prepare(`${SELECT_DRAFTS} WHERE d.connection_id = ? AND d.cluster_id = ? AND d.state <> 'synced'`)
    .get(connectionId, clusterId) as DraftRow | undefined
}

function fromRow(row: DraftRow): Draft {
  const draft: Draft = {
    id: row.id,
    clusterId: row.cluster_id,
    connectionId: row.connection_id,
    policy: backupPolicySchema.parse(JSON.parse(row.policy)),
    basePolicy: row.base_policy === null ? null : backupPolicySchema.parse(JSON.parse(row.base_policy)),
    state: row.state,
    updatedAt: toIso(row.updated_at)
  }
  if (row.error !== null) draft.error = row.error
  if (row.template_name !== null) draft.templateName = row.template_name
  if (row.cluster_name !== null) draft.clusterName = row.cluster_name
  if (row.organization_name !== null) draft.organizationName = row.organization_name
  const organization = organizationOf(row)
  if (organization !== undefined) draft.organization = organization
  return draft
}
