import type { SerializedError } from '#contract/errors'
import type { Connection, KeychainStatus } from '#contract/models/connection'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

/** The saved connections (never their keys: only `tokenHint`) and the keychain's mode. */
export class ConnectionsState {
  items = $state<Connection[]>([])
  keychain = $state<KeychainStatus | null>(null)
  isLoading = $state(false)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)

  readonly active = $derived(this.items.find((c) => c.isActive) ?? this.items[0] ?? null)

  constructor(private readonly core: CoreClient) {}

  /** lastSyncAt / lastSyncError change with every sync: the list is read again when one ends. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished') void this.load()
    })
  }

  byId(id: string): Connection | undefined {
    return this.items.find((c) => c.id === id)
  }

  async load(): Promise<void> {
    this.isLoading = true
    const result = await this.core.invoke('connection/list', {})
    this.isLoading = false
    this.hasLoaded = true
    if (result.ok) {
      this.items = result.value
      this.error = null
    } else {
      this.error = result.error
    }
  }

  async loadKeychain(): Promise<void> {
    const result = await this.core.invoke('keychain/status', {})
    if (result.ok) this.keychain = result.value
  }

  /** Puts a changed connection in place without a round trip. */
  replace(connection: Connection): void {
    const others = connection.isActive ? this.items.map((c) => ({ ...c, isActive: false })) : this.items
    const index = others.findIndex((c) => c.id === connection.id)
    this.items = index === -1 ? [...others, connection] : others.map((c) => (c.id === connection.id ? connection : c))
  }

  remove(id: string): void {
    this.items = this.items.filter((c) => c.id !== id)
  }
}
