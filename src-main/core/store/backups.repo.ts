import { z } from 'zod'
import { CoreError } from '#contract/errors'
import {
  backupStatusSchema,
  backupTypeSchema,
  creationMethodSchema,
  type Backup,
  type BackupStatus,
  type BackupType,
  type CreationMethod
} from '#contract/models/backup'
import type { StoreDatabase } from './database.ts'
import { toEpochMsOrNull, toIso, toIsoOrNull } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

export const backupSortKeys = ['createTime', 'expireTime', 'size', 'backupName', 'clusterName', 'status'] as const

export const listBackupsQuerySchema = z
  .object({
    connectionId: z.string().min(1).optional(),
    clusterId: z.string().min(1).optional(),
    projectId: z.string().min(1).optional(),
    creationMethod: creationMethodSchema.optional(),
    backupType: backupTypeSchema.optional(),
    status: backupStatusSchema.optional(),
    /** Case-insensitive substring of the backup name, cluster name or backup ID. */
    search: z.string().max(200).optional(),
    sort: z
      .object({ by: z.enum(backupSortKeys), dir: z.enum(['asc', 'desc']) })
      .strict()
      .default({ by: 'createTime', dir: 'desc' }),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1000)
  })
  .strict()

export type ListBackupsQuery = z.input<typeof listBackupsQuerySchema>
export type BackupPage = { total: number; items: Backup[] }

type BackupRow = {
  connection_id: string
  backup_id: string
  backup_name: string
  cluster_id: string
  cluster_name: string
  project_id: string
  backup_type: BackupType
  creation_method: CreationMethod
  status: BackupStatus
  size: number
  create_time: number
  expire_time: number | null
}

/**
 * Expressions for each sort key. Names sort case-insensitively; a backup without expiry is kept until deleted,
 * so it sorts as the latest expiry. The backup ID breaks ties, so paging never repeats or skips a row.
 */
const ORDER_BY: Record<(typeof backupSortKeys)[number], { asc: string; desc: string }> = {
  createTime: { asc: 'create_time ASC', desc: 'create_time DESC' },
  expireTime: { asc: 'expire_time ASC NULLS LAST', desc: 'expire_time DESC NULLS FIRST' },
  size: { asc: 'size ASC', desc: 'size DESC' },
  backupName: { asc: 'backup_name COLLATE NOCASE ASC', desc: 'backup_name COLLATE NOCASE DESC' },
  clusterName: { asc: 'cluster_name COLLATE NOCASE ASC', desc: 'cluster_name COLLATE NOCASE DESC' },
  status: { asc: 'status ASC', desc: 'status DESC' }
}

/** One page of the cached backups, with the total number of matches. Indexed for 100,000 rows. */
export function listBackups(db: StoreDatabase, query: ListBackupsQuery): BackupPage {
  const parsed = listBackupsQuerySchema.safeParse(query)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') ?? ''
    throw new CoreError('input/invalid', `Invalid backup list query: ${field} ${issue?.message ?? ''}`.trim(), {
      field
    })
  }
  const q = parsed.data
  const where: string[] = []
  const params: Record<string, string | number> = {}
  const equals = (column: string, value: string | undefined) => {
    if (value === undefined) return
    where.push(`${column} = @${column}`)
    params[column] = value
  }
  equals('connection_id', q.connectionId)
  equals('cluster_id', q.clusterId)
  equals('project_id', q.projectId)
  equals('creation_method', q.creationMethod)
  equals('backup_type', q.backupType)
  equals('status', q.status)
  const search = q.search?.trim()
  if (search !== undefined && search !== '') {
    // LIKE is case-insensitive for ASCII; the pattern's own wildcards are escaped so "50%" means "50%".
    where.push(`(backup_name LIKE @search ESCAPE '\\' OR cluster_name LIKE @search ESCAPE '\\'
      OR backup_id LIKE @search ESCAPE '\\')`)
    params.search = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  // Ties break by ID in the same direction, so (key, backup_id, connection_id) indexes serve the whole ORDER BY.
  const tieDir = q.sort.dir.toUpperCase()
  const orderSql = `${ORDER_BY[q.sort.by][q.sort.dir]}, backup_id ${tieDir}, connection_id ${tieDir}`
  // A connection's whole list, unfiltered (the first visit to Backups): counted without stepping through its rows.
  const wholeConnection = where.length === 1 ? q.connectionId : undefined
  return readQuery('list backups', () => {
    const total = wholeConnection !== undefined
      ? countConnectionBackups(db, wholeConnection)
      : (db.prepare(`SELECT count(*) AS n FROM backups ${whereSql}`).get(params) as { n: number }).n
    const rows = db
      .prepare(`SELECT * FROM backups ${whereSql} ORDER BY ${orderSql} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as BackupRow[]
    return { total, items: rows.map(fromRow) }
  })
}

/**
 * How many backups a connection has cached. With one connection stored, every cached backup is its own (the foreign
 * key), and SQLite counts a whole table from its pages' headers (≈ 0.1 ms for 100,000 backups, ≈ 1.5 ms cold);
 * counting the connection's rows stepped through each of them (7–18 ms, the largest part of the first visit's
 * `backup/list`; bench/ui-backups). With more than one, they are counted. One read transaction, so a connection
 * added by another process (the CLI) between the two reads cannot make the table's count the connection's.
 */
function countConnectionBackups(db: StoreDatabase, connectionId: string): number {
  return db.sqlite
    .transaction(() => {
      const connections = db.prepare('SELECT id FROM connections LIMIT 2').all() as { id: string }[]
      const isOnlyOne = connections.length === 1 && connections[0]?.id === connectionId
      const counted = isOnlyOne
        ? db.prepare('SELECT count(*) AS n FROM backups').get()
        : db.prepare('SELECT count(*) AS n FROM backups WHERE connection_id = @connectionId').get({ connectionId })
      return (counted as { n: number }).n
    })
    .deferred()
}

export function findBackup(db: StoreDatabase, backupId: string, connectionId?: string): Backup | null {
  const row = readQuery('read the backup', () =>
    db.prepare('SELECT * FROM backups WHERE backup_id = @backupId AND (@connectionId IS NULL OR connection_id = @connectionId) LIMIT 1')
      .get({ backupId, connectionId: connectionId ?? null })
  ) as BackupRow | undefined
  return row === undefined ? null : fromRow(row)
}

function fromRow(row: BackupRow): Backup {
  return {
    backupId: row.backup_id,
    backupName: row.backup_name,
    clusterId: row.cluster_id,
    clusterName: row.cluster_name,
    projectId: row.project_id,
    connectionId: row.connection_id,
    backupType: row.backup_type,
    creationMethod: row.creation_method,
    status: row.status,
    size: row.size,
    createTime: toIso(row.create_time),
    expireTime: toIsoOrNull(row.expire_time)
  }
}

/**
 * What the in-memory search keeps of one cached backup, in the column order of `SEARCH_COLUMNS`: backup ID, name,
 * cluster ID, cluster name, project ID, type, creation method, status, size, create and expire time (epoch ms).
 */
export type SearchRow = [string, string, string, string, string, BackupType, CreationMethod, BackupStatus, number, number, number | null]

const SEARCH_COLUMNS = `backup_id, backup_name, cluster_id, cluster_name, project_id, backup_type, creation_method, status, size,
  create_time, expire_time`

/**
 * Visits every cached backup of a connection, newest first (the backup ID breaking ties), one row at a time: the
 * index built from them never holds all the rows at once, only what it keeps of each.
 */
export function forEachSearchRow(db: StoreDatabase, connectionId: string, visit: (row: SearchRow) => void): void {
  const statement = db.prepare(`SELECT ${SEARCH_COLUMNS} FROM backups WHERE connection_id = ? ORDER BY create_time DESC, backup_id DESC`)
  readQuery('read the cached backups', () => {
    // Raw rows are arrays: no object with named keys is made per backup. The statement is shared (`db.prepare`
    // caches it), so it is put back in its usual mode.
    statement.raw(true)
    try {
      for (const row of statement.iterate(connectionId) as IterableIterator<SearchRow>) visit(row)
    } finally {
      statement.raw(false)
    }
  })
}

/** The cached backups with these IDs (of one connection), in the order asked; IDs no longer cached are left out. */
export function readBackupsByIds(db: StoreDatabase, connectionId: string, backupIds: readonly string[]): Backup[] {
  const rows = readQuery('read the cached backups', () =>
    db.prepare('SELECT * FROM backups WHERE connection_id = ? AND backup_id IN (SELECT value FROM json_each(?))')
      .all(connectionId, JSON.stringify(backupIds))
  ) as BackupRow[]
  const byId = new Map(rows.map((row) => [row.backup_id, row]))
  return backupIds.flatMap((id) => {
    const row = byId.get(id)
    return row === undefined ? [] : [fromRow(row)]
  })
}

/** Drops one backup from the cache at once after the admin deleted it, instead of waiting for the next sync. */
export function removeCachedBackup(db: StoreDatabase, connectionId: string, backupId: string): void {
  writeTransaction(db, 'remove the deleted backup from the cache', () => {
    db.prepare('DELETE FROM backups WHERE connection_id = ? AND backup_id = ?').run(connectionId, backupId)
  })
}

/**
 * A backup Zilliz has just started (a manual one it accepted, or the automatic one enabling a policy started), shown
 * at once as CREATING instead of only after the next sync lists it (issue #11, "work in progress is visible"). OR
 * IGNORE: a row a sync already listed is never overwritten, and the next complete backup list replaces this one
 * with what Zilliz reports.
 */
export function insertCreatingBackup(db: StoreDatabase, backup: Backup, createMs: number): void {
  const expireMs = toEpochMsOrNull(backup.expireTime, 'expireTime')
  writeTransaction(db, 'show the new backup in the cache', () => {
    db.prepare(`INSERT OR IGNORE INTO backups (connection_id, backup_id, backup_name, cluster_id, cluster_name, project_id,
        backup_type, creation_method, status, size, create_time, expire_time)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'CREATING', 0, ?, ?)`).run(
      backup.connectionId, backup.backupId, backup.backupName, backup.clusterId, backup.clusterName, backup.projectId,
      backup.backupType, backup.creationMethod, createMs, expireMs
    )
  })
}
