import { HEALTH_LEVELS } from '#contract/health'
import { judgeFleet } from '../fleet/fleet-health.ts'
import type { Clock } from '../lib/clock.ts'
import type { Logger } from '../lib/logger.ts'
import type { NotificationLedger } from '../schedule/ledger.ts'
import { nextLocalTimeAfter } from '../schedule/quiet-hours.ts'
import type { Scheduler } from '../schedule/scheduler.ts'
import type { StoreDatabase } from '../store/database.ts'
import { noticeKey } from '../store/notifications.repo.ts'
import { clusterContext } from '../store/webhook-context.query.ts'
import { enqueue, listDestinations, setDigestThrough, type StoredDestination } from '../store/webhooks.repo.ts'
import { writeTransaction } from '../store/transaction.ts'
import { wants } from './destination-filter.ts'
import { worstSeverity } from '../schedule/messages.ts'
import { DIGEST_SCHEMA, noticeEvent, stableEventId, type DigestEvent, type FleetCounts } from './webhook-event.ts'

const DIGEST_TIMER_ID = 'webhook/digest'
const DAY_MS = 24 * 60 * 60_000

type DigestPlannerDeps = {
  db: StoreDatabase
  ledger: NotificationLedger
  clock: Clock
  scheduler: Scheduler
  logger: Logger
  timeZone: () => string
  /** Called after digests were queued, so the outbox delivers them. */
  onQueued(): void
}

/** The latest instant at or before `now` at which the local clock read `hhmm`. */
function lastLocalTimeAtOrBefore(now: number, hhmm: string, timeZone: string): number {
  const next = nextLocalTimeAfter(now, hhmm, timeZone)
  const previous = nextLocalTimeAfter(next - DAY_MS - 60_000, hhmm, timeZone)
  return previous <= now ? previous : nextLocalTimeAfter(next - 2 * DAY_MS, hhmm, timeZone)
}

/**
 * Daily digests (issue 17 item 4): at each digest destination's local time one message with the fleet
 * summary and the notices of the 24 h before, queued in the outbox like any message (so quiet hours, retries
 * and restarts treat it the same). A digest time that passed while the app was closed is caught up once at
 * start: only the latest one, which is late. One timer for all destinations.
 */
export class DigestPlanner {
  private stopped = true

  constructor(private readonly deps: DigestPlannerDeps) {}

  start(): void {
    this.stopped = false
    this.run()
  }

  stop(): void {
    this.stopped = true
    this.deps.scheduler.cancel(DIGEST_TIMER_ID)
  }

  /** Queues the digests that are due and plans the next one. */
  run(): void {
    if (this.stopped) return
    const now = this.deps.clock.now()
    const destinations = listDestinations(this.deps.db).filter((d) => d.digestTime !== null)
    let queued = 0
    for (const d of destinations) if (this.queueIfDue(d, now)) queued++
    if (queued > 0) this.deps.onQueued()
    const next = destinations.map((d) => nextLocalTimeAfter(now, d.digestTime ?? '00:00', this.deps.timeZone()))
    if (next.length === 0) this.deps.scheduler.cancel(DIGEST_TIMER_ID)
    else this.deps.scheduler.schedule(DIGEST_TIMER_ID, Math.min(...next), () => this.run())
  }

  private queueIfDue(d: StoredDestination, now: number): boolean {
    const slot = lastLocalTimeAtOrBefore(now, d.digestTime ?? '00:00', this.deps.timeZone())
    if (d.digestThrough !== null && d.digestThrough >= slot) return false
    const event = this.digestOf(d, slot)
    writeTransaction(this.deps.db, 'queue a webhook digest', () => {
      enqueue(this.deps.db, { destinationId: d.id, eventId: event.eventId, event: JSON.stringify(event), raisedAt: slot, dueAt: now })
      setDigestThrough(this.deps.db, d.id, slot)
    })
    this.deps.logger.info('webhook digest queued', { destinationId: d.id, notices: event.notices.length })
    return true
  }

  private digestOf(d: StoredDestination, slot: number): DigestEvent {
    const { db } = this.deps
    const from = slot - DAY_MS
    const notices = this.deps.ledger
      .raisedBetween(from, slot)
      .map((n) => ({ n, connectionId: n.organization?.connectionId ?? null }))
      .filter(({ n, connectionId }) => wants(d, n, connectionId))
      .map(({ n, connectionId }) => noticeEvent(n, noticeKey(connectionId, n.clusterId, n.kind, Date.parse(n.slot)), clusterContext(db, connectionId, n.clusterId)))
    const fleet = fleetCounts(db, d.connectionId, slot)
    return {
      schema: DIGEST_SCHEMA,
      eventId: stableEventId(`digest|${d.id}|${String(slot)}`),
      kind: 'digest',
      severity: worstSeverity(notices),
      title: `Daily backup digest: ${String(notices.length)} notice${notices.length === 1 ? '' : 's'} in 24 h`,
      time: new Date(slot).toISOString(),
      period: { from: new Date(from).toISOString(), to: new Date(slot).toISOString() },
      fleet,
      notices
    }
  }
}

/** Clusters by health level, judged by the one health function every view uses (fleet/fleet-health.ts). */
function fleetCounts(db: StoreDatabase, connectionId: string | null, nowMs: number): FleetCounts {
  const counts = { clusters: 0, ...Object.fromEntries(HEALTH_LEVELS.map((level) => [level, 0])) } as FleetCounts
  for (const entry of judgeFleet(db, nowMs, connectionId === null ? undefined : { connectionId }).entries.values()) {
    counts.clusters++
    counts[entry.level]++
  }
  return counts
}
