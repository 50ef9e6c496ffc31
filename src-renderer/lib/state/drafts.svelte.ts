import type { DraftPushResult } from '#contract/commands/draft'
import type { SerializedError } from '#contract/errors'
import type { Draft } from '#contract/models/draft'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

/** Every draft, kept current from `draft/state-changed`; the selection for "Push selected". */
export class DraftsState {
  drafts = $state<Draft[]>([])
  selected = $state<string[]>([])
  busyIds = $state<string[]>([])
  isLoading = $state(false)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)

  constructor(private readonly core: CoreClient) {}

  async load(): Promise<void> {
    this.isLoading = true
    const result = await this.core.invoke('draft/list', {})
    this.isLoading = false
    this.hasLoaded = true
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    this.drafts = [...result.value].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    this.selected = this.selected.filter((id) => this.drafts.some((d) => d.id === id))
  }

  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished') void this.load()
      if (message.name !== 'draft/state-changed') return
      const { id, state, error } = message.payload
      const known = this.drafts.find((d) => d.id === id)
      if (known === undefined) {
        void this.load()
        return
      }
      this.drafts = this.drafts.map((d) => (d.id === id ? withState(d, state, error) : d))
      // A settled draft may have a new base or policy: read it again.
      if (state === 'synced' || state === 'conflict' || state === 'local') void this.load()
    })
  }

  isSelected(id: string): boolean {
    return this.selected.includes(id)
  }

  toggle(id: string, isOn: boolean): void {
    this.selected = isOn ? [...new Set([...this.selected, id])] : this.selected.filter((s) => s !== id)
  }

  isBusy(id: string): boolean {
    return this.busyIds.includes(id)
  }

  /** Marks drafts busy for the duration of `work`, so their buttons cannot be pressed twice. */
  async whileBusy<T>(ids: string[], work: () => Promise<T>): Promise<T> {
    this.busyIds = [...this.busyIds, ...ids]
    try {
      return await work()
    } finally {
      this.busyIds = this.busyIds.filter((id) => !ids.includes(id))
    }
  }

  applyResults(results: DraftPushResult[]): void {
    this.drafts = this.drafts.map((d) => {
      const r = results.find((x) => x.id === d.id)
      return r === undefined ? d : withState(d, r.state, r.error)
    })
  }
}

function withState(draft: Draft, state: Draft['state'], error: string | undefined): Draft {
  const next: Draft = { ...draft, state }
  if (error === undefined) delete next.error
  else next.error = error
  return next
}
