import type { SerializedError } from '#contract/errors'
import type { Connection, KeychainStatus } from '#contract/models/connection'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { readyAnswer } from '../core-client/ready-answers.ts'

/** The saved connections (never their keys: only `tokenHint`) and the keychain's mode. */
export class ConnectionsState {
  items = $state<Connection[]>([])
  keychain = $state<KeychainStatus | null>(null)
  isLoading = $state(false)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)

  readonly active = $derived(this.items.find((c) => c.isActive) ?? this.items[0] ?? null)

  /**
   * What App.svelte keys the screen by: it changes when the active connection changes from one known value to
   * another (every screen reads the active organization when it mounts), but not when the first `connection/list`
   * makes it known. The screen the window opened on has already read the host's active connection itself; mounting it
   * again would send its first reads twice and paint twice (bench/ui-fleet).
   */
  screenGeneration = $state(0)
  /** The active connection's id when last noted; undefined until the list was first read. */
  #notedActive: string | null | undefined = undefined
  readonly #removedListeners = new Set<() => void>()

  constructor(private readonly core: CoreClient) {
    // The host's first paint: the connections and the keychain's mode it has just read (ready-answers.ts).
    const connections = readyAnswer(core, 'connection/list')
    if (connections?.ok === true) this.items = connections.value
    const keychain = readyAnswer(core, 'keychain/status')
    if (keychain?.ok === true) this.keychain = keychain.value
  }

  /** lastSyncAt / lastSyncError change with every sync: the list is read again when one ends. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished') void this.load()
    })
  }

  byId(id: string): Connection | undefined {
    return this.items.find((c) => c.id === id)
  }

  /**
   * The connection an address names when it is not the active one (lib/cluster-href.ts, lib/backup-href.ts): the
   * screen then offers to switch to it (OtherOrganizationState); none when the address names none or the active one.
   */
  otherThanActive(named: string | undefined): Connection | undefined {
    return named === undefined || named === this.active?.id ? undefined : this.byId(named)
  }

  async load(): Promise<void> {
    this.isLoading = true
    const result = await this.core.invoke('connection/list', {})
    this.isLoading = false
    this.hasLoaded = true
    if (result.ok) {
      const isAnyGone = this.items.some((known) => !result.value.some((c) => c.id === known.id))
      this.items = result.value
      this.error = null
      if (isAnyGone) this.#tellRemoved()
    } else {
      this.error = result.error
    }
    this.#noteActive()
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
    this.#noteActive()
  }

  remove(id: string): void {
    const isKnown = this.byId(id) !== undefined
    this.items = this.items.filter((c) => c.id !== id)
    this.#noteActive()
    if (isKnown) this.#tellRemoved()
  }

  /**
   * When a connection goes (removed here or, seen at a read, elsewhere): the core deletes its jobs and notices with
   * it, so the shell's lists of those are read again (App.svelte) rather than showing them until a reload.
   */
  onRemoved(listener: () => void): Unsubscribe {
    this.#removedListeners.add(listener)
    return () => this.#removedListeners.delete(listener)
  }

  #tellRemoved(): void {
    for (const listener of [...this.#removedListeners]) listener()
  }

  #noteActive(): void {
    const id = this.active?.id ?? null
    if (this.#notedActive !== undefined && id !== this.#notedActive) this.screenGeneration += 1
    this.#notedActive = id
  }
}
