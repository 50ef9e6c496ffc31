import type { HandlersFor } from '../handlers/types.ts'
import type { WebhookService } from './webhook-service.ts'

export type WebhookCommand = 'webhook/add' | 'webhook/list' | 'webhook/remove' | 'webhook/test' | 'webhook/deliveries'

const DEFAULT_LOG_LIMIT = 100

export function webhookHandlers(service: WebhookService): HandlersFor<WebhookCommand> {
  return {
    'webhook/add': (input) => service.add(input),
    'webhook/list': () => Promise.resolve(service.list()),
    'webhook/remove': async ({ id }) => {
      await service.remove(id)
      return { id }
    },
    'webhook/test': ({ id }) => service.test(id),
    'webhook/deliveries': ({ id, limit }) => Promise.resolve(service.deliveries(id, limit ?? DEFAULT_LOG_LIMIT))
  }
}
