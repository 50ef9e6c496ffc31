import type { SyncResult, SyncStatus } from '#contract/commands/sync'
import type { Envelope } from '#contract/envelope'
import type { EventPayload } from '#contract/events'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

type SyncProgress = EventPayload<'sync/progressed'>

const PHASES: readonly SyncProgress['phase'][] = ['projects', 'clusters', 'policies', 'backups', 'jobs']

/** Sync status per connection, the running sync's progress, and "Sync now". */
export class SyncState {
  statuses = $state<SyncStatus[]>([])
  progress = $state<SyncProgress | null>(null)
  isRequested = $state(false)
  private readonly finishedListeners = new Set<(payload: EventPayload<'sync/finished'>) => void>()

  constructor(private readonly core: CoreClient) {}

  /** Follows the running sync's progress; when it ends, the statuses are read again and `onFinished` listeners told. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/progressed') {
        this.progress = message.payload
      } else if (message.name === 'sync/finished') {
        this.progress = null
        void this.load()
        for (const listener of [...this.finishedListeners]) listener(message.payload)
      }
    })
  }

  get isRunning(): boolean {
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
