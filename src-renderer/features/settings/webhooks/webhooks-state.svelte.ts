import type { CommandInput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import type { SerializedError } from '#contract/errors'
import type { Webhook, WebhookDelivery } from '#contract/models/webhook'
import type { CoreClient } from '../../../lib/core-client/core-client.ts'

/** Webhook destinations as the renderer knows them: never a URL, only `urlHint`. */
export class WebhooksState {
  items = $state<Webhook[]>([])
  hasLoaded = $state(false)
  error = $state<SerializedError | null>(null)

  constructor(private readonly core: CoreClient) {}

  async load(): Promise<void> {
    const result = await this.core.invoke('webhook/list', {})
    this.hasLoaded = true
    if (result.ok) {
      this.items = result.value
      this.error = null
    } else this.error = result.error
  }

  async add(input: CommandInput<'webhook/add'>): Promise<Envelope<Webhook>> {
    const result = await this.core.invoke('webhook/add', input)
    if (result.ok) this.items = [...this.items, result.value]
    return result
  }

  async remove(id: string): Promise<Envelope<{ id: string }>> {
    const result = await this.core.invoke('webhook/remove', { id })
    if (result.ok) this.items = this.items.filter((w) => w.id !== id)
    return result
  }

  test(id: string): Promise<Envelope<{ status: number | null; ok: boolean; answer: string }>> {
    return this.core.invoke('webhook/test', { id })
  }

  deliveries(id: string): Promise<Envelope<WebhookDelivery[]>> {
    return this.core.invoke('webhook/deliveries', { id, limit: 50 })
  }
}
