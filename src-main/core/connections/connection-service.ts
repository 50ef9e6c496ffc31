import { CoreError } from '#contract/errors'
import type { Connection, ConnectionTag } from '#contract/models/connection'
import { normalizeBaseUrl } from '../api/base-url.ts'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { KeyValueStore } from '../schedule/ledger.ts'
import type { SecretStore } from '../secrets/secret-store.ts'
import type { StoreDatabase } from '../store/database.ts'
import * as repo from '../store/connections.repo.ts'
import { ACTIVE_CONNECTION_KEY as ACTIVE_KEY, activeConnectionId } from './active-connection.ts'
import type { ApiClientFactory, ClientPool } from './client-pool.ts'
import { decodeTag, encodeTag } from './connection-tag.ts'
import { tokenHint } from './token-hint.ts'

type ConnectionServiceDeps = {
  db: StoreDatabase
  secrets: SecretStore
  settings: KeyValueStore
  pool: ClientPool
  createClient: ApiClientFactory
  now: () => number
  /**
   * The connection's rows just left the store (one transaction, its whole cache cascading): what is held in memory
   * over them goes in the same turn, before any other request is answered (the backup search index).
   */
  onRemoved?: (connectionId: string) => void
}

type ConnectionCheck = { projects: number; clusters: number; latencyMs: number }

/**
 * Connections: metadata in SQLite, the API key only in the SecretStore. Hints are derived from the
 * key when it is stored and kept in memory, so listing never reads the keychain.
 */
export class ConnectionService {
  private readonly hints = new Map<string, string>()

  constructor(private readonly deps: ConnectionServiceDeps) {}

  /** Checks the key with real API calls before anything is saved. */
  async check(baseUrl: string, apiKey: string): Promise<ConnectionCheck> {
    return measure(this.deps.createClient({ baseUrl: normalizeBaseUrl(baseUrl), apiKey }), this.deps.now)
  }

  async add(input: { name: string; baseUrl: string; apiKey: string; tag?: ConnectionTag | null }): Promise<Connection> {
    const baseUrl = normalizeBaseUrl(input.baseUrl)
    await this.check(baseUrl, input.apiKey)
    const stored = repo.addConnection(this.deps.db, { name: input.name, baseUrl, tag: encodeTag(input.tag ?? null) }, this.deps.now())
    try {
      await this.deps.secrets.set(stored.id, input.apiKey)
    } catch (error) {
      repo.removeConnection(this.deps.db, stored.id, { drafts: 'delete' })
      throw error
    }
    this.hints.set(stored.id, tokenHint(input.apiKey))
    if (this.activeId() === null) this.deps.settings.write(ACTIVE_KEY, stored.id)
    return this.get(stored.id)
  }

  async list(): Promise<Connection[]> {
    const active = this.activeId()
    const stored = repo.listConnections(this.deps.db)
    return Promise.all(stored.map((c) => this.toContract(c, active)))
  }

  async get(id: string): Promise<Connection> {
    return this.toContract(repo.getConnection(this.deps.db, id), this.activeId())
  }

  async remove(id: string, drafts: 'keep' | 'delete'): Promise<void> {
    repo.getConnection(this.deps.db, id)
    await this.deps.secrets.delete(id)
    repo.removeConnection(this.deps.db, id, { drafts })
    this.deps.onRemoved?.(id)
    this.hints.delete(id)
    this.deps.pool.forget(id)
    if (this.deps.settings.read(ACTIVE_KEY) === id) {
      const next = repo.listConnections(this.deps.db)[0]
      this.deps.settings.write(ACTIVE_KEY, next?.id ?? '')
    }
  }

  async rename(id: string, name: string): Promise<Connection> {
    repo.renameConnection(this.deps.db, id, name)
    return this.get(id)
  }

  async setTag(id: string, tag: ConnectionTag | null): Promise<Connection> {
    repo.setConnectionTag(this.deps.db, id, encodeTag(tag))
    return this.get(id)
  }

  async updateKey(id: string, apiKey: string): Promise<Connection> {
    const connection = repo.getConnection(this.deps.db, id)
    await this.check(connection.baseUrl, apiKey)
    await this.deps.secrets.set(id, apiKey)
    this.hints.set(id, tokenHint(apiKey))
    this.deps.pool.forget(id)
    return this.get(id)
  }

  async testStored(id: string): Promise<ConnectionCheck> {
    return measure(await this.deps.pool.get(id), this.deps.now)
  }

  async activate(id: string): Promise<Connection> {
    repo.getConnection(this.deps.db, id)
    this.deps.settings.write(ACTIVE_KEY, id)
    return this.get(id)
  }

  /** The active connection's id; the first connection when none was chosen; null when there are none. */
  activeId(): string | null {
    return activeConnectionId(this.deps.db, this.deps.settings)
  }

  /** The connection a command is about: the one named, else the active one. */
  resolve(connectionId: string | undefined): string {
    const id = connectionId ?? this.activeId()
    if (id === null) throw new CoreError('not-found', 'No connection yet: add one in Settings → Connections.')
    repo.getConnection(this.deps.db, id)
    return id
  }

  private async toContract(c: repo.StoredConnection, activeId: string | null): Promise<Connection> {
    const hint = await this.hintFor(c.id)
    return {
      id: c.id,
      name: c.name,
      baseUrl: c.baseUrl,
      hasToken: hint !== null,
      tokenHint: hint,
      tag: decodeTag(c.tag),
      isActive: c.id === activeId,
      createdAt: c.createdAt,
      lastSyncAt: c.lastSyncAt,
      lastSyncError: c.lastSyncError
    }
  }

  private async hintFor(id: string): Promise<string | null> {
    const cached = this.hints.get(id)
    if (cached !== undefined) return cached
    let key: string | null
    try {
      key = await this.deps.secrets.get(id)
    } catch {
      return null
    }
    if (key === null) return null
    const hint = tokenHint(key)
    this.hints.set(id, hint)
    return hint
  }
}

async function measure(client: ZillizClient, now: () => number): Promise<ConnectionCheck> {
  const started = now()
  const projects = await client.listProjects()
  const clusters = await client.listClusters()
  return { projects: projects.length, clusters: clusters.length, latencyMs: Math.max(0, now() - started) }
}
