import { randomUUID } from 'node:crypto'
import { CoreError } from '#contract/errors'
import type { ParsedInput } from '#contract/commands'
import type { Webhook, WebhookDelivery } from '#contract/models/webhook'
import type { Clock } from '../lib/clock.ts'
import type { SecretStore } from '../secrets/secret-store.ts'
import { findConnection } from '../store/connections.repo.ts'
import type { StoreDatabase } from '../store/database.ts'
import * as repo from '../store/webhooks.repo.ts'
import { toIso } from '../store/time.ts'
import { renderBody } from './formats.ts'
import { TEST_SCHEMA, type TestEvent } from './webhook-event.ts'
import type { WebhookOutbox } from './webhook-outbox.ts'
import { postMessage, type SendOptions } from './webhook-sender.ts'
import { parseWebhookUrl, urlHint } from './webhook-url.ts'

/** The keychain account of a destination's URL (service `backup-desk`, like API keys; docs/webhooks.md). */
function webhookAccount(id: string): string {
  return `webhook:${id}`
}

const TEST_ANSWER_MAX = 500

type WebhookServiceDeps = {
  db: StoreDatabase
  secrets: SecretStore
  clock: Clock
  outbox: WebhookOutbox
  send: SendOptions
  /** A digest destination was added or removed: the digest timer re-plans. */
  onDestinationsChanged(): void
}

/** Destinations: settings in SQLite, the URL only in the SecretStore (and in memory while the app runs). */
export class WebhookService {
  private readonly urls = new Map<string, string>()

  constructor(private readonly deps: WebhookServiceDeps) {}

  async add(input: ParsedInput<'webhook/add'>): Promise<Webhook> {
    const url = parseWebhookUrl(input.url)
    if (input.connectionId !== undefined && findConnection(this.deps.db, input.connectionId) === null) {
      throw new CoreError('input/invalid', 'The connection filter names no connection.', { field: 'connectionId' })
    }
    const now = this.deps.clock.now()
    const id = randomUUID()
    repo.insertDestination(this.deps.db, {
      id,
      name: input.name,
      kind: input.kind,
      kinds: input.kinds ?? null,
      connectionId: input.connectionId ?? null,
      prefix: input.prefix ?? '',
      digestTime: input.digestTime ?? null,
      // A new digest destination starts with the next digest time, not with one for the day before it existed.
      digestThrough: input.digestTime === undefined ? null : now,
      hostHint: urlHint(url),
      createdAt: now
    })
    try {
      await this.deps.secrets.set(webhookAccount(id), url.toString())
    } catch (error) {
      repo.removeDestination(this.deps.db, id)
      throw error
    }
    this.urls.set(id, url.toString())
    this.deps.onDestinationsChanged()
    return this.get(id)
  }

  list(): Webhook[] {
    const pending = repo.pendingByDestination(this.deps.db)
    return repo.listDestinations(this.deps.db).map((d) => this.toContract(d, pending.get(d.id) ?? 0))
  }

  async remove(id: string): Promise<void> {
    repo.getDestination(this.deps.db, id)
    await this.deps.secrets.delete(webhookAccount(id))
    repo.removeDestination(this.deps.db, id)
    this.urls.delete(id)
    this.deps.outbox.forget(id)
    this.deps.onDestinationsChanged()
  }

  /** Sends a test message at once (not through the outbox: the admin waits for the answer) and logs it. */
  async test(id: string): Promise<{ status: number | null; ok: boolean; answer: string }> {
    const d = repo.getDestination(this.deps.db, id)
    const url = await this.urlOf(id)
    if (url === null) throw new CoreError('not-found', 'The URL of this destination is not in the keychain: remove it and add it again.')
    const now = this.deps.clock.now()
    const event: TestEvent = {
      schema: TEST_SCHEMA,
      eventId: `bd1-test-${randomUUID()}`,
      kind: 'test',
      severity: 'info',
      title: 'Backup Desk test message',
      body: `If you can read this, the destination "${d.name}" works. Notices will arrive here.`,
      time: toIso(now)
    }
    const result = await postMessage(url, renderBody(d.kind, event, { prefix: d.prefix, late: false }), this.deps.send)
    const ok = result.answered && result.status >= 200 && result.status < 300
    const status = result.answered ? result.status : null
    const answer = result.answered ? result.body.slice(0, TEST_ANSWER_MAX) : result.error
    repo.logDelivery(this.deps.db, id, {
      at: this.deps.clock.now(), eventId: event.eventId, title: event.title, result: ok ? 'test-ok' : 'test-failed',
      status, attempt: 1, late: false, error: ok ? null : result.answered ? `HTTP ${String(result.status)}` : result.error
    })
    return { status, ok, answer }
  }

  deliveries(id: string, limit: number): WebhookDelivery[] {
    repo.getDestination(this.deps.db, id)
    return repo.listDeliveries(this.deps.db, id, limit)
  }

  /** The URL, from memory or the keychain; null when the keychain has none. */
  async urlOf(id: string): Promise<string | null> {
    const cached = this.urls.get(id)
    if (cached !== undefined) return cached
    const stored = await this.deps.secrets.get(webhookAccount(id))
    if (stored !== null) this.urls.set(id, stored)
    return stored
  }

  private get(id: string): Webhook {
    const pending = repo.pendingByDestination(this.deps.db)
    return this.toContract(repo.getDestination(this.deps.db, id), pending.get(id) ?? 0)
  }

  private toContract(d: repo.StoredDestination, pending: number): Webhook {
    return {
      id: d.id, name: d.name, kind: d.kind, urlHint: d.hostHint, kinds: d.kinds, connectionId: d.connectionId,
      prefix: d.prefix, digestTime: d.digestTime, createdAt: toIso(d.createdAt), pending, breaker: this.deps.outbox.breakerState(d.id)
    }
  }
}
