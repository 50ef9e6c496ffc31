import type { SerializedError } from '#contract/errors'
import type { Envelope } from '#contract/envelope'
import type { BackupPolicy } from '#contract/models/policy'
import type { Template, TemplateListItem } from '#contract/models/template'
import type { CoreClient, Unsubscribe } from '../core-client/core-client.ts'

/** The locally stored policy templates, with the clusters assigned to each and how many of them drifted. */
export class TemplatesState {
  items = $state<TemplateListItem[]>([])
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)

  constructor(private readonly core: CoreClient) {}

  byId(id: string): TemplateListItem | undefined {
    return this.items.find((t) => t.id === id)
  }

  async load(): Promise<void> {
    const result = await this.core.invoke('template/list', {})
    this.hasLoaded = true
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    this.items = [...result.value].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
  }

  /** Drift is measured against the mirrored remote: it moves with every sync and every policy that reached Zilliz Cloud. */
  watch(): Unsubscribe {
    return this.core.subscribe((message) => {
      if (message.name === 'sync/finished' || (message.name === 'draft/state-changed' && message.payload.state === 'synced')) void this.load()
    })
  }

  /** Creates (no id) or replaces a template; the list is read again so counts stay the core's. */
  async save(input: { id?: string; name: string; policy: BackupPolicy }): Promise<Envelope<Template>> {
    const result = await this.core.invoke('template/save', input)
    if (result.ok) await this.load()
    return result
  }

  async remove(id: string): Promise<Envelope<{ id: string; unassigned: string[] }>> {
    const result = await this.core.invoke('template/delete', { id })
    if (result.ok) await this.load()
    return result
  }
}
