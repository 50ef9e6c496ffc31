import type { ExpectedWindow, ExpiringBackup } from '#contract/commands/schedule'
import type { SerializedError } from '#contract/errors'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

const HORIZON_HOURS = 168

/**
 * The fleet's next week: expected windows (`schedule/upcoming`) and AVAILABLE backups expiring within it, each
 * marked when it is its cluster's newest (`schedule/expiring`); both for every organization, named.
 */
export class ScheduleState {
  windows = $state.raw<ExpectedWindow[]>([])
  expiries = $state.raw<ExpiringBackup[]>([])
  isLoading = $state(false)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)

  constructor(private readonly core: CoreClient) {}

  async load(): Promise<void> {
    this.isLoading = true
    const horizon = { horizonHours: HORIZON_HOURS }
    const [windows, expiries] = await Promise.all([this.core.invoke('schedule/upcoming', horizon), this.core.invoke('schedule/expiring', horizon)])
    this.isLoading = false
    this.hasLoaded = true
    if (!windows.ok) {
      this.error = windows.error
      return
    }
    if (!expiries.ok) {
      this.error = expiries.error
      return
    }
    this.error = null
    this.windows = windows.value
    this.expiries = expiries.value
  }

  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished' || (message.name === 'draft/state-changed' && message.payload.state === 'synced')) void this.load()
    })
  }
}
