import { backupPolicySchema, type BackupPolicy } from '#contract/models/policy'
import { parsePolicyInput } from './policy-json.ts'
import { clusterKey } from './cluster-scope.ts'
import { requireConnection } from './connections.repo.ts'
import type { StoreDatabase } from './database.ts'
import { toIso } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/** `local-push`: this app changed the remote policy. `remote-change`: a sync saw it changed elsewhere. */
type PolicyChangeSource = 'local-push' | 'remote-change'

export type PolicyChange = {
  id: number
  connectionId: string
  clusterId: string
  at: string
  source: PolicyChangeSource
  /** Null when the cluster had no mirrored policy before. */
  before: BackupPolicy | null
  after: BackupPolicy
  /** The template a fleet plan applied with this change. */
  templateName?: string
}

type NewPolicyChange = Omit<PolicyChange, 'id' | 'at'> & { at?: number }

type HistoryRow = {
  id: number
  connection_id: string
  cluster_id: string
  at: number
  source: PolicyChangeSource
  before: string | null
  after: string
  template_name: string | null
}

export function recordPolicyChange(db: StoreDatabase, change: NewPolicyChange): PolicyChange {
  const before = change.before === null ? null : JSON.stringify(parsePolicyInput(change.before, 'before'))
  const after = JSON.stringify(parsePolicyInput(change.after, 'after'))
  const at = change.at ?? Date.now()
  const id = writeTransaction(db, 'record the policy change', () => {
    requireConnection(db, change.connectionId)
    return Number(
      db.prepare(
        'INSERT INTO policy_history (connection_id, cluster_id, at, source, before, after, template_name) VALUES (?, ?, ?, ?, ?, ?, ?)'
      ).run(change.connectionId, change.clusterId, at, change.source, before, after, change.templateName ?? null).lastInsertRowid
    )
  })
  return { id, connectionId: change.connectionId, clusterId: change.clusterId, at: toIso(at), source: change.source,
    before: change.before, after: change.after, ...(change.templateName === undefined ? {} : { templateName: change.templateName }) }
}

/** Newest first. */
export function listPolicyHistory(
  db: StoreDatabase,
  filter: { connectionId?: string; clusterId?: string; limit?: number } = {}
): PolicyChange[] {
  const rows = readQuery('list the policy history', () =>
    db.prepare(
      `SELECT * FROM policy_history WHERE (@connectionId IS NULL OR connection_id = @connectionId)
         AND (@clusterId IS NULL OR cluster_id = @clusterId)
       ORDER BY at DESC, id DESC LIMIT @limit`
    ).all({ connectionId: filter.connectionId ?? null, clusterId: filter.clusterId ?? null, limit: filter.limit ?? 100 })
  ) as HistoryRow[]
  return rows.map((row) => ({
    id: row.id,
    connectionId: row.connection_id,
    clusterId: row.cluster_id,
    at: toIso(row.at),
    source: row.source,
    before: row.before === null ? null : backupPolicySchema.parse(JSON.parse(row.before)),
    after: backupPolicySchema.parse(JSON.parse(row.after)),
    ...(row.template_name === null ? {} : { templateName: row.template_name })
  }))
}

/** When each cluster's policy last changed (pushed here or seen changed by a sync), keyed by `clusterKey`. */
export function latestChangeTimes(db: StoreDatabase): Map<string, number> {
  const rows = readQuery('read the latest policy changes', () =>
    db.prepare('SELECT connection_id, cluster_id, MAX(at) AS at FROM policy_history GROUP BY connection_id, cluster_id').all()
  ) as { connection_id: string; cluster_id: string; at: number }[]
  return new Map(rows.map((r) => [clusterKey(r.connection_id, r.cluster_id), r.at]))
}
