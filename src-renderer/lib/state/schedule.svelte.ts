import type { ExpectedWindow } from '#contract/commands/schedule'
import type { SerializedError } from '#contract/errors'
import type { Backup } from '#contract/models/backup'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

const HORIZON_HOURS = 168
const PAGE = 1000
const MAX_PAGES = 10

/** The fleet's next week: expected windows (`schedule/upcoming`) and AVAILABLE backups expiring within it. */
export class ScheduleState {
  windows = $state<ExpectedWindow[]>([])
  expiries = $state<Backup[]>([])
  isLoading = $state(false)
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)
  loadedAt = $state(Date.now())

  constructor(private readonly core: CoreClient) {}

  async load(): Promise<void> {
    this.isLoading = true
    const now = Date.now()
    const [windows, expiries] = await Promise.all([this.core.invoke('schedule/upcoming', { horizonHours: HORIZON_HOURS }), this.loadExpiries(now)])
    this.isLoading = false
    this.hasLoaded = true
    this.loadedAt = now
    if (!windows.ok) {
      this.error = windows.error
      return
    }
    if (!Array.isArray(expiries)) {
      this.error = expiries
      return
    }
    this.error = null
    this.windows = windows.value
    this.expiries = expiries
  }

  /** Pages through expireTime ascending until past the horizon; backups kept until deleted are skipped. */
  private async loadExpiries(now: number): Promise<Backup[] | SerializedError> {
    const until = now + HORIZON_HOURS * 3_600_000
    const found: Backup[] = []
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.core.invoke('backup/list', {
        status: 'AVAILABLE',
        sort: { by: 'expireTime', dir: 'asc' },
        offset: page * PAGE,
        limit: PAGE
      })
      if (!result.ok) return result.error
      let isPastHorizon = false
      for (const backup of result.value.items) {
        if (backup.expireTime === null) continue
        const at = Date.parse(backup.expireTime)
        if (at > until) isPastHorizon = true
        else if (at > now) found.push(backup)
      }
      if (isPastHorizon || (page + 1) * PAGE >= result.value.total) break
    }
    return found
  }

  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished' || (message.name === 'draft/state-changed' && message.payload.state === 'synced')) void this.load()
    })
  }
}
