import { CoreError } from '#contract/errors'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { SecretStore } from '../secrets/secret-store.ts'
import type { StoreDatabase } from '../store/database.ts'
import { getConnection } from '../store/connections.repo.ts'

export type ApiClientFactory = (options: { baseUrl: string; apiKey: string }) => ZillizClient

/**
 * One API client per connection, built on first use from the stored base URL and the key in the
 * keychain. The key lives only inside the client's closure; it is never returned from here.
 */
export class ClientPool {
  private readonly clients = new Map<string, Promise<ZillizClient>>()

  constructor(
    private readonly db: StoreDatabase,
    private readonly secrets: SecretStore,
    private readonly createClient: ApiClientFactory
  ) {}

  get(connectionId: string): Promise<ZillizClient> {
    let client = this.clients.get(connectionId)
    if (client === undefined) {
      client = this.build(connectionId)
      this.clients.set(connectionId, client)
      client.catch(() => this.clients.delete(connectionId))
    }
    return client
  }

  /** Forget a connection's client (its key changed or it was removed). */
  forget(connectionId: string): void {
    this.clients.delete(connectionId)
  }

  private async build(connectionId: string): Promise<ZillizClient> {
    const connection = getConnection(this.db, connectionId)
    const apiKey = await this.secrets.get(connectionId)
    if (apiKey === null) {
      throw new CoreError(
        'secret/unavailable',
        'No API key is stored for this connection. Enter it again (Enter key, or Replace API key… in Settings → Connections).',
        { cause: 'no-key' }
      )
    }
    return this.createClient({ baseUrl: connection.baseUrl, apiKey })
  }
}
