import type { EventMessage } from '#contract/events'
import type { HandlersFor } from '../handlers/types.ts'
import type { Clock } from '../lib/clock.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { Logger } from '../lib/logger.ts'
import type { KeyValueStore } from '../schedule/ledger.ts'
import type { Scheduler } from '../schedule/scheduler.ts'
import type { SecretStore } from '../secrets/secret-store.ts'
import type { StoreDatabase } from '../store/database.ts'
import { createNotificationLedger, type LedgerHooks } from '../store/notifications.repo.ts'
import { retryNetworkFailuresNow } from '../store/webhooks.repo.ts'
import { DigestPlanner } from './digest-planner.ts'
import { queueRecordedNotices } from './notice-queue.ts'
import { webhookHandlers, type WebhookCommand } from './webhook.handlers.ts'
import { WebhookOutbox } from './webhook-outbox.ts'
import { DEFAULT_SEND_OPTIONS, type SendOptions } from './webhook-sender.ts'
import { WebhookService } from './webhook-service.ts'

export type WebhooksDeps = {
  db: StoreDatabase
  secrets: SecretStore
  settings: KeyValueStore
  clock: Clock
  scheduler: Scheduler
  events: EventBus
  logger: Logger
  /** Asked when a digest or quiet hours need it, not at composition (core/lib/time-zone.ts). */
  timeZone: () => string
  send?: Partial<SendOptions>
  random?: () => number
}

export type Webhooks = {
  handlers: HandlersFor<WebhookCommand>
  /** To pass to the notification ledger: queues each new notice in the same transaction. */
  ledgerHooks: LedgerHooks
  start(): void
  stop(): void
  /** Delivers what is due now and resolves when the outbox sleeps. */
  flush(): Promise<void>
  /** Quiet hours may have changed: look again. */
  settingsChanged(): void
}

/** Composes webhook delivery (docs/webhooks.md): destinations, the outbox, daily digests. */
export function createWebhooks(deps: WebhooksDeps): Webhooks {
  const send = { ...DEFAULT_SEND_OPTIONS, ...deps.send }
  const outbox: WebhookOutbox = new WebhookOutbox({
    db: deps.db, clock: deps.clock, scheduler: deps.scheduler, settings: deps.settings, logger: deps.logger,
    timeZone: deps.timeZone, send, urlOf: (id: string): Promise<string | null> => service.urlOf(id),
    ...(deps.random === undefined ? {} : { random: deps.random })
  })
  const digests = new DigestPlanner({
    // Read-only use (the day's notices): a ledger without hooks.
    db: deps.db, ledger: createNotificationLedger(deps.db), clock: deps.clock, scheduler: deps.scheduler,
    logger: deps.logger, timeZone: deps.timeZone, onQueued: () => outbox.kick()
  })
  const service: WebhookService = new WebhookService({
    db: deps.db, secrets: deps.secrets, clock: deps.clock, outbox, send,
    onDestinationsChanged: () => digests.run()
  })
  // Whether a sync since the last one that reached Zilliz Cloud could not reach it: the network was gone.
  let wasOffline = false
  const onEvent = (message: EventMessage): void => {
    if (message.name !== 'sync/finished') return
    if (!message.payload.ok) {
      wasOffline ||= message.payload.error?.code === 'api/unreachable'
      return
    }
    // A sync that reaches Zilliz Cloud after one that could not shows the network is back: what failed for lack of
    // it goes now. With the network up all along, a receiver that refused keeps its backoff (docs/webhooks.md).
    if (!wasOffline) return
    wasOffline = false
    if (retryNetworkFailuresNow(deps.db, deps.clock.now()) > 0) outbox.kick()
  }
  let unsubscribe: (() => void) | null = null
  return {
    handlers: webhookHandlers(service),
    ledgerHooks: {
      onRecorded: (recorded, nowMs) => {
        // After the transaction commits (the hook runs inside it), the outbox looks for the new rows.
        if (queueRecordedNotices(deps.db, recorded, nowMs) > 0) queueMicrotask(() => outbox.kick())
      }
    },
    start() {
      unsubscribe ??= deps.events.subscribe(onEvent)
      outbox.start()
      digests.start()
    },
    stop() {
      unsubscribe?.()
      unsubscribe = null
      digests.stop()
      outbox.stop()
    },
    flush: () => outbox.flush(),
    settingsChanged: () => outbox.kick()
  }
}
