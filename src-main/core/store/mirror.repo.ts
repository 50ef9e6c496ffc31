import { CoreError } from '#contract/errors'
import type { Backup } from '#contract/models/backup'
import type { Cluster, MirroredPolicy, Project } from '#contract/models/cluster'
import { requireConnection } from './connections.repo.ts'
import type { StoreDatabase } from './database.ts'
import { toEpochMs, toEpochMsOrNull } from './time.ts'
import { writeTransaction } from './transaction.ts'

/** The lists mirrored from the cloud, each replaced whole in one transaction (docs/reliability.md#r27). */
export type CachedList = 'projects' | 'clusters' | 'policies' | 'backups'

const STALE_COLUMN: Record<CachedList, string> = {
  projects: 'projects_stale',
  clusters: 'clusters_stale',
  policies: 'policies_stale',
  backups: 'backups_stale'
}

export function replaceProjects(db: StoreDatabase, connectionId: string, projects: readonly Project[]): void {
  const rows = projects.map((p) => {
    checkOwner(connectionId, p.connectionId, 'project')
    return [connectionId, p.projectId, p.projectName, p.plan]
  })
  replaceList(db, connectionId, 'projects', () =>
    insertRows(db, 'INSERT INTO projects (connection_id, project_id, project_name, plan) VALUES (?, ?, ?, ?)', rows))
}

export function replaceClusters(db: StoreDatabase, connectionId: string, clusters: readonly Cluster[]): void {
  const rows = clusters.map((c) => {
    checkOwner(connectionId, c.connectionId, 'cluster')
    return [connectionId, c.clusterId, c.clusterName, c.projectId, c.regionId, c.plan, c.deployment, c.cuType,
      c.cuSize, c.status, toEpochMsOrNull(c.createTime, 'createTime')]
  })
  replaceList(db, connectionId, 'clusters', () =>
    insertRows(db, `INSERT INTO clusters (connection_id, cluster_id, cluster_name, project_id, region_id, plan, deployment,
       cu_type, cu_size, status, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, rows))
}

export function replacePolicies(db: StoreDatabase, connectionId: string, policies: readonly MirroredPolicy[]): void {
  const rows = policies.map((p) => [connectionId, p.clusterId, JSON.stringify(p.policy), toEpochMs(p.readAt, 'readAt')])
  replaceList(db, connectionId, 'policies', () =>
    insertRows(db, 'INSERT INTO policies (connection_id, cluster_id, policy, read_at) VALUES (?, ?, ?, ?)', rows))
}

/** The columns of a cached backup, in the order of `backupRow`. */
export const BACKUP_COLUMNS = `connection_id, backup_id, backup_name, cluster_id, cluster_name, project_id, backup_type,
  creation_method, status, size, create_time, expire_time`

export const INSERT_BACKUP_SQL = `INSERT INTO backups (${BACKUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** A backup as the values of `BACKUP_COLUMNS`, checked and converted (bad input fails before any write). */
export function backupRow(connectionId: string, b: Backup): unknown[] {
  checkOwner(connectionId, b.connectionId, 'backup')
  return [connectionId, b.backupId, b.backupName, b.clusterId, b.clusterName, b.projectId, b.backupType,
    b.creationMethod, b.status, b.size, toEpochMs(b.createTime, 'createTime'), toEpochMsOrNull(b.expireTime, 'expireTime')]
}

export function replaceBackups(db: StoreDatabase, connectionId: string, backups: readonly Backup[]): void {
  // Converted before the transaction, so bad input fails without taking the write lock.
  const rows = backups.map((b) => backupRow(connectionId, b))
  replaceList(db, connectionId, 'backups', () => insertRows(db, INSERT_BACKUP_SQL, rows))
}

/** Refreshes one cluster's mirrored policy (after a push or a single re-read) without touching the others. */
export function upsertPolicy(db: StoreDatabase, connectionId: string, mirrored: MirroredPolicy): void {
  const readAt = toEpochMs(mirrored.readAt, 'readAt')
  writeTransaction(db, 'save the mirrored policy', () => {
    requireConnection(db, connectionId)
    db.prepare(
      `INSERT INTO policies (connection_id, cluster_id, policy, read_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (connection_id, cluster_id) DO UPDATE SET policy = excluded.policy, read_at = excluded.read_at`
    ).run(connectionId, mirrored.clusterId, JSON.stringify(mirrored.policy), readAt)
  })
}

/** A refresh that could not complete leaves the old rows untouched and flags them as possibly out of date. */
export function markStale(db: StoreDatabase, connectionId: string, lists: readonly CachedList[]): void {
  writeTransaction(db, 'mark the cache as out of date', () => {
    requireConnection(db, connectionId)
    for (const list of lists) {
      db.prepare(`UPDATE sync_state SET ${STALE_COLUMN[list]} = 1 WHERE connection_id = ?`).run(connectionId)
    }
  })
}

/**
 * Empties every cached list of every connection and flags them stale, for the next sync to rebuild. Used after
 * restoring a backup copy, whose cache may be days old. Local data (drafts, intents, jobs, history) is kept.
 */
export function clearCache(db: StoreDatabase): void {
  writeTransaction(db, 'clear the cache', () => {
    for (const table of ['projects', 'clusters', 'policies', 'backups']) db.prepare(`DELETE FROM ${table}`).run()
    db.prepare(
      'UPDATE sync_state SET projects_stale = 1, clusters_stale = 1, policies_stale = 1, backups_stale = 1'
    ).run()
  })
}

/**
 * Replaces a connection's cached list in one write transaction: its old rows go, `fill` writes the new ones, and
 * the list is no longer stale. Any throw (from `fill` too) rolls it all back.
 */
export function replaceList<T>(db: StoreDatabase, connectionId: string, list: CachedList, fill: () => T): T {
  return writeTransaction(db, `refresh the cached ${list}`, () => {
    requireConnection(db, connectionId)
    db.prepare(`DELETE FROM ${list} WHERE connection_id = ?`).run(connectionId)
    const filled = fill()
    db.prepare(`UPDATE sync_state SET ${STALE_COLUMN[list]} = 0 WHERE connection_id = ?`).run(connectionId)
    return filled
  })
}

function insertRows(db: StoreDatabase, insertSql: string, rows: readonly unknown[][]): void {
  const insert = db.prepare(insertSql)
  for (const row of rows) insert.run(...row)
}

function checkOwner(connectionId: string, owner: string, what: string): void {
  if (owner !== connectionId) {
    throw new CoreError('input/invalid', `The ${what} belongs to another connection.`)
  }
}
