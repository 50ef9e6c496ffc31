import { CircuitBreaker } from '../api/circuit-breaker.ts'
import type { Clock } from '../lib/clock.ts'
import type { Logger } from '../lib/logger.ts'
import type { KeyValueStore } from '../schedule/ledger.ts'
import { isQuietAt, quietEndAfter } from '../schedule/quiet-hours.ts'
import type { Scheduler } from '../schedule/scheduler.ts'
import { loadNotificationSettings } from '../schedule/settings.ts'
import type { StoreDatabase } from '../store/database.ts'
import * as repo from '../store/webhooks.repo.ts'
import { GIVE_UP_AFTER_MS, judge } from './retry-policy.ts'
import { renderBody } from './formats.ts'
import type { WebhookEvent } from './webhook-event.ts'
import { postMessage, type SendOptions } from './webhook-sender.ts'

/** The outbox's single timer id: the next due attempt or the end of quiet hours. */
const OUTBOX_TIMER_ID = 'webhook/outbox'
/** Delivered this long after it was raised, a message says it is late. */
const LATE_AFTER_MS = 10 * 60_000
const BATCH = 100
const BREAKER = { threshold: 3, cooldownMs: 5 * 60_000 }

type OutboxDeps = {
  db: StoreDatabase
  clock: Clock
  scheduler: Scheduler
  settings: KeyValueStore
  logger: Logger
  timeZone: () => string
  /** The destination's URL from the keychain; null when it is not there. */
  urlOf(destinationId: string): Promise<string | null>
  send: SendOptions
  random?: () => number
}

/**
 * Delivers the outbox (docs/webhooks.md): at least once, oldest first, nothing during quiet hours, retries
 * with backoff and Retry-After, and one breaker per destination so a dead receiver is not hammered. One run
 * at a time; a kick during a run makes it look again before it sleeps.
 */
export class WebhookOutbox {
  private readonly breakers = new Map<string, CircuitBreaker>()
  private running: Promise<void> | null = null
  private again = false
  private stopped = true

  constructor(private readonly deps: OutboxDeps) {}

  start(): void {
    this.stopped = false
    this.kick()
  }

  stop(): void {
    this.stopped = true
    this.deps.scheduler.cancel(OUTBOX_TIMER_ID)
  }

  /** Looks for due messages now (after queueing, reconnecting, a settings change). */
  kick(): void {
    void this.flush()
  }

  /**
   * Delivers what is due and resolves once the outbox sleeps (tests await this instead of sleeping). A kick
   * that arrives while a run ends is never lost: the run looks again, or a new one starts.
   */
  async flush(): Promise<void> {
    this.again = true
    while (this.hasWork()) {
      this.running ??= this.loop().finally(() => (this.running = null))
      await this.running
    }
  }

  breakerState(destinationId: string): 'closed' | 'open' | 'half-open' {
    return this.breakers.get(destinationId)?.state() ?? 'closed'
  }

  forget(destinationId: string): void {
    this.breakers.delete(destinationId)
  }

  private async loop(): Promise<void> {
    do {
      this.again = false
      try {
        await this.deliverDue()
      } catch (error) {
        this.deps.logger.error('webhook delivery failed', { error: error instanceof Error ? error.message : String(error) })
      }
    } while (this.shouldLookAgain())
    if (!this.stopped) this.plan()
  }

  /** Read through methods: a kick changes these flags while a run awaits. */
  private shouldLookAgain(): boolean {
    return this.again && !this.stopped
  }

  private hasWork(): boolean {
    return !this.stopped && (this.again || this.running !== null)
  }

  private async deliverDue(): Promise<void> {
    for (;;) {
      const now = this.deps.clock.now()
      if (this.quietEnd(now) !== null) return
      const due = repo.dueMessages(this.deps.db, now, BATCH)
      if (due.length === 0) return
      for (const row of due) await this.attempt(row)
    }
  }

  private async attempt(row: repo.OutboxRow): Promise<void> {
    const { db, clock } = this.deps
    const breaker = this.breakerOf(row.destinationId)
    const permit = breaker.tryAcquire()
    if (!permit.allowed) {
      repo.retryMessage(db, row, { at: Math.max(permit.retryAtMs, clock.now() + 1000), reason: 'receiver' }, null)
      return
    }
    const destination = repo.findDestination(db, row.destinationId)
    const event = JSON.parse(row.event) as WebhookEvent
    const attempt = row.attempts + 1
    const base = { eventId: row.eventId, title: event.title, attempt }
    const url = destination === null ? null : await this.deps.urlOf(row.destinationId).catch(() => null)
    if (destination === null || url === null) {
      breaker.record(permit, 'neutral')
      const at = clock.now()
      const error = 'The URL is not in the keychain (kept in memory only and lost at a restart?): remove the destination and add it again.'
      repo.retryMessage(db, row, { at: at + GIVE_UP_AFTER_MS / 7, reason: 'keychain' }, { ...base, at, result: 'retrying', status: null, late: false, error })
      return
    }
    const sentAt = clock.now()
    const late = sentAt - row.raisedAt > LATE_AFTER_MS
    const body = renderBody(destination.kind, event, { prefix: destination.prefix, late })
    const result = await postMessage(url, body, this.deps.send)
    const at = clock.now()
    const verdict = judge(result, row.attempts, at, this.deps.random ?? Math.random)
    const status = result.answered ? result.status : null
    if (verdict.outcome === 'delivered') {
      breaker.record(permit, 'success')
      repo.finishMessage(db, row.id, row.destinationId, { ...base, at, result: 'delivered', status, late, error: null })
    } else if (verdict.outcome === 'rejected') {
      breaker.record(permit, 'success')
      repo.finishMessage(db, row.id, row.destinationId, { ...base, at, result: 'rejected', status, late, error: verdict.why })
    } else if (at - row.raisedAt > GIVE_UP_AFTER_MS) {
      breaker.record(permit, verdict.breaker)
      repo.finishMessage(db, row.id, row.destinationId, { ...base, at, result: 'gave-up', status, late, error: `${verdict.why} Not delivered for 7 days: given up.` })
    } else {
      breaker.record(permit, verdict.breaker)
      repo.retryMessage(db, row, { at: verdict.atMs, reason: verdict.reason }, { ...base, at, result: 'retrying', status, late, error: verdict.why })
    }
  }

  private breakerOf(destinationId: string): CircuitBreaker {
    let breaker = this.breakers.get(destinationId)
    if (breaker === undefined) {
      breaker = new CircuitBreaker({ ...BREAKER, now: () => this.deps.clock.now() })
      this.breakers.set(destinationId, breaker)
    }
    return breaker
  }

  /** The end of the current quiet hours, or null when deliveries may leave now (they are held like OS notices). */
  private quietEnd(now: number): number | null {
    const { quietHours } = loadNotificationSettings(this.deps.settings)
    if (!isQuietAt(now, quietHours, this.deps.timeZone()) || quietHours === null) return null
    return quietEndAfter(now, quietHours, this.deps.timeZone())
  }

  /** One timer: the next due attempt, or the end of quiet hours if that comes later. */
  private plan(): void {
    const next = repo.nextMessageAt(this.deps.db)
    if (next === null) {
      this.deps.scheduler.cancel(OUTBOX_TIMER_ID)
      return
    }
    const quietEnd = this.quietEnd(Math.max(next, this.deps.clock.now()))
    const at = Math.max(next, quietEnd ?? next)
    this.deps.scheduler.schedule(OUTBOX_TIMER_ID, at, () => this.kick())
  }
}
