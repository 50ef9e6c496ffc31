import type { SyncResult, SyncStatus } from '#contract/commands/sync'
import type { Envelope } from '#contract/envelope'
import type { EventPayload } from '#contract/events'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'
import { hostReachability, type HostReachability } from '../core-client/host-reachability.ts'

type SyncProgress = EventPayload<'sync/progressed'>

const PHASES: readonly SyncProgress['phase'][] = ['projects', 'clusters', 'policies', 'backups', 'jobs']

/** Sync status per connection, the running sync's progress, and "Sync now". */
export class SyncState {
  statuses = $state<SyncStatus[]>([])
  progress = $state<SyncProgress | null>(null)
  isRequested = $state(false)
  /** False while the browser host does not answer: the statuses are then only what was last known. */
  isHostReachable = $state(true)
  /** The host answers but no longer to this page: it was started again, with a new session token (HostReachability). */
  isHostSessionEnded = $state(false)
  private readonly finishedListeners = new Set<(payload: EventPayload<'sync/finished'>) => void>()

  constructor(
    private readonly core: CoreClient,
    private readonly reachability: HostReachability = hostReachability
  ) {}

  /**
   * Follows the running sync's progress; when it ends, the statuses are read again and `onFinished` listeners told.
   * Follows the host's reachability too; once it is back, the statuses are read again by `follow` (the stream's gap).
   */
  watch(): Unsubscribe {
    this.isHostReachable = this.reachability.isReachable
    this.isHostSessionEnded = this.reachability.isSessionEnded
    const stopReachability = this.reachability.subscribe((isReachable) => {
      this.isHostReachable = isReachable
      this.isHostSessionEnded = this.reachability.isSessionEnded
    })
    const stopEvents = this.core.subscribe((message) => {
      if (message.name === 'sync/progressed') {
        this.progress = message.payload
      } else if (message.name === 'sync/finished') {
        this.progress = null
        void this.load()
        for (const listener of [...this.finishedListeners]) listener(message.payload)
      }
    })
    return () => {
      stopReachability()
      stopEvents()
    }
  }

  get isRunning(): boolean {
    // A sync last seen running while the host went away is not known to be running now.
    if (!this.isHostReachable) return this.isRequested
    return this.isRequested || this.progress !== null || this.statuses.some((s) => s.isRunning)
  }

  /** 0..1 over the five phases; the phase's own done/total refines it when the total is known. */
  get fraction(): number | null {
    const p = this.progress
    if (p === null) return null
    const phaseIndex = PHASES.indexOf(p.phase)
    const within = p.total !== null && p.total > 0 ? Math.min(1, p.done / p.total) : 0.5
    return (phaseIndex + within) / PHASES.length
  }

  statusFor(connectionId: string | undefined): SyncStatus | undefined {
    return this.statuses.find((s) => s.connectionId === connectionId)
  }

  onFinished(listener: (payload: EventPayload<'sync/finished'>) => void): () => void {
    this.finishedListeners.add(listener)
    return () => this.finishedListeners.delete(listener)
  }

  async load(): Promise<void> {
    const result = await this.core.invoke('sync/status', {})
    if (result.ok) this.statuses = result.value
  }

  async run(connectionId?: string): Promise<Envelope<SyncResult>> {
    this.isRequested = true
    const result = await this.core.invoke('sync/run', connectionId === undefined ? {} : { connectionId })
    this.isRequested = false
    await this.load()
    return result
  }
}
