import { randomUUID } from 'node:crypto'
import { CoreError } from '#contract/errors'
import { CONNECTION_NAME_MAX_LENGTH } from '#contract/limits'
import type { StoreDatabase } from './database.ts'
import { toIso, toIsoOrNull } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/** A Zilliz Cloud account the admin connected. The API key is never stored here (it lives in the keychain). */
export type StoredConnection = {
  id: string
  name: string
  baseUrl: string
  /** A short label or colour the admin picked. */
  tag: string | null
  createdAt: string
  lastSyncAt: string | null
  lastSyncError: string | null
}

type NewConnection = { id?: string; name: string; baseUrl: string; tag?: string | null }

type ConnectionRow = {
  id: string
  name: string
  base_url: string
  tag: string | null
  created_at: number
  last_sync_at: number | null
  last_sync_error: string | null
}

const COLUMNS = 'id, name, base_url, tag, created_at, last_sync_at, last_sync_error'

export function addConnection(db: StoreDatabase, input: NewConnection, now = Date.now()): StoredConnection {
  const id = input.id ?? randomUUID()
  const name = checkName(input.name)
  const baseUrl = checkBaseUrl(input.baseUrl)
  const tag = checkTag(input.tag ?? null)
  writeTransaction(db, 'add the connection', () => {
    db.prepare('INSERT INTO connections (id, name, base_url, tag, created_at) VALUES (?, ?, ?, ?, ?)').run(
      id, name, baseUrl, tag, now
    )
    db.prepare('INSERT INTO sync_state (connection_id) VALUES (?)').run(id)
  })
  return getConnection(db, id)
}

export function listConnections(db: StoreDatabase): StoredConnection[] {
  return readQuery('list connections', () =>
    (db.prepare(`SELECT ${COLUMNS} FROM connections ORDER BY name COLLATE NOCASE, id`).all() as ConnectionRow[]).map(
      fromRow
    )
  )
}

export function findConnection(db: StoreDatabase, id: string): StoredConnection | null {
  const row = readQuery('read the connection', () =>
    db.prepare(`SELECT ${COLUMNS} FROM connections WHERE id = ?`).get(id)
  ) as ConnectionRow | undefined
  return row === undefined ? null : fromRow(row)
}

export function getConnection(db: StoreDatabase, id: string): StoredConnection {
  const connection = findConnection(db, id)
  if (connection === null) throw new CoreError('not-found', 'There is no such connection.', { field: 'id' })
  return connection
}

/** Throws `not-found` unless the connection exists; cache writers call it for a clear message. */
export function requireConnection(db: StoreDatabase, id: string): void {
  const row = db.prepare('SELECT 1 FROM connections WHERE id = ?').get(id)
  if (row === undefined) throw new CoreError('not-found', 'There is no such connection.', { field: 'id' })
}

export function renameConnection(db: StoreDatabase, id: string, name: string): StoredConnection {
  const checked = checkName(name)
  updateOne(db, id, 'rename the connection', 'UPDATE connections SET name = ? WHERE id = ?', checked)
  return getConnection(db, id)
}

export function setConnectionTag(db: StoreDatabase, id: string, tag: string | null): StoredConnection {
  const checked = checkTag(tag)
  updateOne(db, id, 'change the connection tag', 'UPDATE connections SET tag = ? WHERE id = ?', checked)
  return getConnection(db, id)
}

/**
 * Removes a connection and, through ON DELETE CASCADE, its cached lists, jobs, intents, history and sync state.
 * Drafts have no foreign key on purpose, so the caller decides: keep them (they can be re-attached or exported)
 * or delete them with the connection.
 */
export function removeConnection(db: StoreDatabase, id: string, options: { drafts: 'keep' | 'delete' }): void {
  writeTransaction(db, 'remove the connection', () => {
    const result = db.prepare('DELETE FROM connections WHERE id = ?').run(id)
    if (result.changes === 0) throw new CoreError('not-found', 'There is no such connection.', { field: 'id' })
    if (options.drafts === 'delete') db.prepare('DELETE FROM drafts WHERE connection_id = ?').run(id)
  })
}

function updateOne(db: StoreDatabase, id: string, action: string, sql: string, value: string | null): void {
  writeTransaction(db, action, () => {
    if (db.prepare(sql).run(value, id).changes === 0) {
      throw new CoreError('not-found', 'There is no such connection.', { field: 'id' })
    }
  })
}

function checkName(name: string): string {
  const trimmed = name.trim()
  if (trimmed.length < 1 || trimmed.length > CONNECTION_NAME_MAX_LENGTH) {
    throw new CoreError('input/invalid', `A connection name must have 1 to ${String(CONNECTION_NAME_MAX_LENGTH)} characters.`, { field: 'name' })
  }
  return trimmed
}

function checkBaseUrl(baseUrl: string): string {
  const url = URL.parse(baseUrl)
  if (url === null) throw new CoreError('input/invalid', 'The base URL is not a URL.', { field: 'baseUrl' })
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CoreError('input/invalid', 'The API address must start with https:// or http://.', { field: 'baseUrl' })
  }
  return baseUrl
}

function checkTag(tag: string | null): string | null {
  if (tag !== null && tag.length > 50) {
    throw new CoreError('input/invalid', 'A tag can have at most 50 characters.', { field: 'tag' })
  }
  return tag
}

function fromRow(row: ConnectionRow): StoredConnection {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    tag: row.tag,
    createdAt: toIso(row.created_at),
    lastSyncAt: toIsoOrNull(row.last_sync_at),
    lastSyncError: row.last_sync_error
  }
}
