import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Notification } from '#contract/models/notification'
import type { EventMessage } from '#contract/events'
import type { ManualClock } from '#core/lib/clock'
import { EventBus } from '#core/lib/event-bus'
import { silentLogger } from '#core/lib/logger'
import type { Notifier, WatchSummary } from '#core/notify/notifier'
import { ManualScheduler } from '#core/schedule/manual-scheduler'
import type { Scheduler } from '#core/schedule/scheduler'
import { createWatcher, type Watcher, type WatcherOptions } from '#core/schedule/watcher'
import { openDatabase, type StoreDatabase } from '#core/store/database'
import { createNotificationLedger } from '#core/store/notifications.repo'
import { createSettingsRepo } from '#core/store/settings.repo'
import { createWatchQueries } from '#core/store/watch.query'

export const HOUR = 3_600_000
export const MINUTE = 60_000
/** Monday 2 March 2026, 00:00 UTC. */
export const MONDAY = Date.UTC(2026, 2, 2)

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'bd-watch-')), 'backup-desk.sqlite')
}

export function openDb(path: string): StoreDatabase {
  return openDatabase(path).db
}

/** Writes cache rows the way a sync would, straight into the schema-1 tables. */
export class Fleet {
  constructor(readonly db: StoreDatabase) {}

  connection(id = 'conn-1', addedAtMs = 0): this {
    this.db.sqlite
      .prepare('INSERT INTO connections (id, name, base_url, created_at) VALUES (?, ?, ?, ?)')
      .run(id, id, 'http://127.0.0.1', addedAtMs)
    this.db.sqlite.prepare('INSERT INTO sync_state (connection_id) VALUES (?)').run(id)
    return this
  }

  policy(clusterId: string, frequency: string, startTime: string, o: { enabled?: boolean; connectionId?: string; retentionDays?: number } = {}): this {
    const conn = o.connectionId ?? 'conn-1'
    this.db.sqlite
      .prepare(
        `INSERT OR REPLACE INTO clusters (connection_id, cluster_id, cluster_name, project_id, region_id, plan,
           deployment, cu_type, cu_size, status) VALUES (?, ?, ?, 'p', 'r', 'Enterprise', 'Dedicated', 'x', 1, 'RUNNING')`
      )
      .run(conn, clusterId, `name-${clusterId}`)
    const policy = { enabled: o.enabled ?? true, frequency, startTime, retentionDays: o.retentionDays ?? 7 }
    this.db.sqlite
      .prepare('INSERT OR REPLACE INTO policies (connection_id, cluster_id, policy, read_at) VALUES (?, ?, ?, 0)')
      .run(conn, clusterId, JSON.stringify(policy))
    return this
  }

  backup(b: { id: string; clusterId: string; created: number; expires: number | null; status?: string; method?: string; connectionId?: string }): this {
    this.db.sqlite
      .prepare(
        `INSERT INTO backups (connection_id, backup_id, backup_name, cluster_id, cluster_name, project_id,
           backup_type, creation_method, status, size, create_time, expire_time)
         VALUES (?, ?, ?, ?, ?, 'p', 'CLUSTER', ?, ?, 1, ?, ?)`
      )
      .run(b.connectionId ?? 'conn-1', b.id, `backup-${b.id}`, b.clusterId, `name-${b.clusterId}`,
        b.method ?? 'AUTO', b.status ?? 'AVAILABLE', b.created, b.expires)
    return this
  }

  failedJob(jobId: string, clusterId: string, endMs: number, reason: string, backupId: string | null = null): this {
    this.db.sqlite
      .prepare(
        `INSERT INTO jobs (connection_id, job_id, cluster_id, backup_id, action, type, status, progress, start_time, end_time,
           reason, created_at, updated_at) VALUES ('conn-1', ?, ?, ?, 'create-backup', 'BACKUP', 'FAILED', 100, ?, ?, ?, ?, ?)`
      )
      .run(jobId, clusterId, backupId, endMs - HOUR, endMs, reason, endMs - HOUR, endMs)
    return this
  }

  /** A sync that read the whole backup list between `startMs` and `endMs`; `error` makes it a failed one. */
  synced(startMs: number, endMs: number, error: string | null = null, connectionId = 'conn-1'): this {
    this.db.sqlite
      .prepare('UPDATE sync_state SET last_started_at = ?, last_finished_at = ?, last_error = ?, backups_stale = 0 WHERE connection_id = ?')
      .run(startMs, endMs, error, connectionId)
    if (error === null) {
      this.db.sqlite.prepare('UPDATE connections SET last_sync_at = ? WHERE id = ?').run(endMs, connectionId)
    }
    return this
  }
}

export class RecordingNotifier implements Notifier {
  readonly shown: Notification[] = []
  readonly summaries: WatchSummary[] = []
  show(n: Notification): void {
    this.shown.push(n)
  }
  setSummary(s: WatchSummary): void {
    this.summaries.push(s)
  }
  get lastSummary(): WatchSummary | undefined {
    return this.summaries.at(-1)
  }
}

export type Harness = {
  watcher: Watcher
  clock: ManualClock
  scheduler: ManualScheduler
  notifier: RecordingNotifier
  events: EventBus
  raised: Notification[]
  /** Moves the clock to the planned instant and fires the timer; returns that instant. */
  fireNext(): number
}

export function makeWatcher(db: StoreDatabase, clock: ManualClock, options: WatcherOptions = {}, scheduler?: Scheduler): Harness {
  const manual = new ManualScheduler()
  const notifier = new RecordingNotifier()
  const events = new EventBus()
  const raised: Notification[] = []
  events.subscribe((m: EventMessage) => {
    if (m.name === 'notification/raised') raised.push(m.payload)
  })
  const watcher = createWatcher({
    inputs: createWatchQueries(db),
    ledger: createNotificationLedger(db),
    settings: createSettingsRepo(db),
    clock,
    scheduler: scheduler ?? manual,
    notifier,
    events,
    logger: silentLogger,
    options: { timeZone: 'UTC', ...options }
  })
  return {
    watcher,
    clock,
    scheduler: manual,
    notifier,
    events,
    raised,
    fireNext() {
      const at = manual.nextAt()
      if (at === null) throw new Error('nothing planned')
      clock.set(at)
      manual.runDue(at)
      return at
    }
  }
}

/** Fires timers until the clock would pass `untilMs`, then leaves the clock at `untilMs`. */
export function runUntil(h: Harness, untilMs: number): void {
  for (let guard = 0; guard < 10_000; guard++) {
    const at = h.scheduler.nextAt()
    if (at === null || at > untilMs) break
    h.fireNext()
  }
  h.clock.set(untilMs)
}
