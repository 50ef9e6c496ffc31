import type { EventMessage } from '#contract/events'
import type { HealthLevel } from '#contract/health'
import type { OrganizationRef } from '#contract/models/organization'
import { notificationHandlers } from '../handlers/notification.handlers.ts'
import { scheduleHandlers } from '../handlers/schedule.handlers.ts'
import { settingsHandlers } from '../handlers/settings.handlers.ts'
import type { HandlersFor } from '../handlers/types.ts'
import type { Clock } from '../lib/clock.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { Logger } from '../lib/logger.ts'
import type { Notifier } from '../notify/notifier.ts'
import { deliverPending } from './delivery.ts'
import type { KeyValueStore, NoticeDraft, NotificationLedger } from './ledger.ts'
import { checkMissed } from './missed.ts'
import { nextDueAt } from './plan.ts'
import { isQuietAt, quietEndAfter } from './quiet-hours.ts'
import { allDue } from './rules.ts'
import type { Scheduler } from './scheduler.ts'
import { loadNotificationSettings, timingsOf } from './settings.ts'
import { publishSummary } from './summary.ts'
import { systemTimeZone } from '../lib/time-zone.ts'
import type { WatchInputs, WatchPolicy } from './watch-inputs.ts'

const HOUR_MS = 3_600_000
/** The watcher's single timer id: one live timer, whatever the fleet size. */
export const WATCH_TIMER_ID = 'watch/next-due'

export type WatcherOptions = {
  /** IANA zone for quiet hours; defaults to the machine's. */
  timeZone?: string
  /** How long after a window's deadline an unsynced window gets its "cannot be verified" notice. */
  verifyWaitMs?: number
  /** How far back a first run or a long downtime looks for expired, failed and missed. */
  lookbackMs?: number
  /** The longest the timer sleeps; bounds how late an unreported wall-clock jump is noticed. */
  checkpointMs?: number
  /** A timer firing this far from its instant means the wall clock jumped (or the machine slept). */
  jumpToleranceMs?: number
  offlineAfterMs?: number
}

type WatcherDeps = {
  inputs: WatchInputs
  ledger: NotificationLedger
  settings: KeyValueStore
  clock: Clock
  scheduler: Scheduler
  notifier: Notifier
  events: EventBus
  logger: Logger
  /** Every cluster's health level for the tray summary (core/fleet/fleet-health.ts); none when absent. */
  healthLevels?: (nowMs: number) => HealthLevel[]
  options?: WatcherOptions
  /** Notices from outside the schedule (template drift), recorded in the same ledger with the same delivery. */
  moreNotices?: () => NoticeDraft[]
  /** Names the organization of each expected window and expiring backup (`schedule/upcoming`, `schedule/expiring`). */
  organizations?: () => ReadonlyMap<string, OrganizationRef>
}

export type Watcher = {
  /** Catches up on what fell due while the app was closed (one digest), then plans. Idempotent. */
  start(): void
  /** Cancels the timer and stops listening. Safe to call twice. */
  stop(): void
  /** Evaluates what is due now and plans the next instant (after a sync or a policy change). */
  replan(): void
  /** The machine woke up: catch up as one digest. */
  onResume(): void
  /** The host saw the wall clock change: catch up as one digest. */
  onClockChange(): void
  /** The planned instant, or null when stopped. */
  plannedAt(): number | null
  /** The commands over what the watcher reads and writes: schedule/*, notification/*, settings/*. */
  handlers: HandlersFor<WatchCommand>
}

type WatchCommand =
  | 'schedule/upcoming'
  | 'schedule/expiring'
  | 'notification/list'
  | 'notification/unread-count'
  | 'notification/mark-read'
  | 'settings/get'
  | 'settings/update'

/** Composes the watcher. It reads the cache, writes the ledger and notifies; it never calls the API. */
export function createWatcher(deps: WatcherDeps): Watcher {
  const o = deps.options ?? {}
  const verifyWaitMs = o.verifyWaitMs ?? HOUR_MS
  const lookbackMs = o.lookbackMs ?? 7 * 24 * HOUR_MS
  const checkpointMs = o.checkpointMs ?? HOUR_MS
  const jumpToleranceMs = o.jumpToleranceMs ?? 2 * 60_000
  const offlineAfterMs = o.offlineAfterMs ?? 2 * HOUR_MS
  const kv = deps.settings
  let isRunning = false
  let planned: number | null = null
  let unsubscribe: (() => void) | null = null

  const readMs = (key: string): number | null => {
    const raw = kv.read(key)
    return raw === null || !Number.isFinite(Number(raw)) ? null : Number(raw)
  }

  const publish = (policies: WatchPolicy[], nowMs: number): void => {
    const healthLevels = deps.healthLevels?.(nowMs) ?? []
    publishSummary(deps.notifier, { ledger: deps.ledger, inputs: deps.inputs, policies, nowMs, offlineAfterMs, healthLevels })
  }

  const evaluate = (isCatchUp: boolean): void => {
    const now = deps.clock.now()
    const timeZone = o.timeZone ?? systemTimeZone()
    const settings = loadNotificationSettings(kv)
    const timings = timingsOf(settings)
    const policies = deps.inputs.enabledPolicies()
    // Windows and expiries from before the watch first started are not judged: the current policy says
    // nothing about what was scheduled before it was mirrored, so projecting it backwards invents alarms. For the
    // same reason an organization added later is judged from when it was added.
    let since = readMs('watch.since')
    if (since === null) {
      since = now
      kv.write('watch.since', String(now))
    }
    const drafts = allDue({ inputs: deps.inputs, policies, nowMs: now, timings, lookbackMs, sinceMs: since, timeZone })
    const missed = checkMissed({
      inputs: deps.inputs,
      policies,
      nowMs: now,
      graceMs: timings.missedGraceMs,
      verifyWaitMs,
      lookbackMs,
      decidedThrough: (id) => readMs(`watch.decidedThrough.${id}`) ?? Math.max(since, deps.inputs.connectionAddedAt(id) ?? since),
      timeZone
    })
    const raised = deps.ledger.record([...drafts, ...missed.drafts, ...(deps.moreNotices?.() ?? [])], now)
    for (const w of missed.confirmedOk) deps.ledger.markReadByKey({ connectionId: w.connectionId, clusterId: w.clusterId, kind: 'missed-unverified', slotMs: w.startMs })
    deps.ledger.resolveSettledExpiring(now)
    // Each write is an fsync; the watermark moves only when a sync has decided more windows.
    for (const [id, through] of missed.decided) kv.write(`watch.decidedThrough.${id}`, String(through))
    const isQuiet = isQuietAt(now, settings.quietHours, timeZone)
    const shown = deliverPending({ ...deps, nowMs: now, isQuiet, isCatchUp, mutedKinds: settings.mutedKinds })
    publish(policies, now)
    const quietEndMs =
      isQuiet && settings.quietHours !== null ? quietEndAfter(now, settings.quietHours, timeZone) : null
    const at = nextDueAt({ inputs: deps.inputs, policies, nowMs: now, timings, verifyWaitMs, quietEndMs, checkpointMs })
    schedule(at)
    deps.logger.debug('watch evaluated', { raised: raised.length, shown: shown.length, nextAt: at })
  }

  const run = (isCatchUp: boolean): void => {
    if (!isRunning) return
    try {
      evaluate(isCatchUp)
    } catch (error) {
      // A failing read (locked or damaged database) must not end the watch: try again at the checkpoint.
      deps.logger.error('watch evaluation failed', { error: error instanceof Error ? error.message : String(error) })
      schedule(deps.clock.now() + checkpointMs)
    }
  }

  const schedule = (at: number): void => {
    planned = at
    deps.scheduler.schedule(WATCH_TIMER_ID, at, () => {
      const drift = deps.clock.now() - at
      const isJump = Math.abs(drift) > jumpToleranceMs
      if (isJump) deps.logger.warn('watch timer fired off its instant; catching up', { driftMs: drift })
      run(isJump)
    })
  }

  const onEvent = (message: EventMessage): void => {
    const isRelevant =
      (message.name === 'sync/finished' && message.payload.ok) ||
      (message.name === 'job/updated' && message.payload.status === 'FAILED') ||
      (message.name === 'draft/state-changed' && message.payload.state === 'synced')
    if (isRelevant) run(false)
  }

  const handlers: HandlersFor<WatchCommand> = {
    ...scheduleHandlers({ inputs: deps.inputs, clock: deps.clock, ...(deps.organizations === undefined ? {} : { organizations: deps.organizations }) }),
    ...notificationHandlers({
      ledger: deps.ledger,
      onReadChanged: () => publish(deps.inputs.enabledPolicies(), deps.clock.now())
    }),
    ...settingsHandlers({ settings: kv, onSettingsChanged: () => run(false) })
  }

  return {
    start() {
      if (isRunning) return
      isRunning = true
      unsubscribe = deps.events.subscribe(onEvent)
      run(true)
    },
    stop() {
      isRunning = false
      unsubscribe?.()
      unsubscribe = null
      deps.scheduler.cancel(WATCH_TIMER_ID)
      planned = null
    },
    replan: () => run(false),
    onResume: () => run(true),
    onClockChange: () => run(true),
    plannedAt: () => planned,
    handlers
  }
}
