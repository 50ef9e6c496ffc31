import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '#core/lib/clock'
import { EventBus } from '#core/lib/event-bus'
import { silentLogger } from '#core/lib/logger'
import { nullNotifier } from '#core/notify/notifier'
import { ManualScheduler } from '#core/schedule/manual-scheduler'
import { createWatcher, type Watcher } from '#core/schedule/watcher'
import { openDatabase, type StoreDatabase } from '#core/store/database'
import { createNotificationLedger } from '#core/store/notifications.repo'
import { createSettingsRepo } from '#core/store/settings.repo'
import { createWatchQueries } from '#core/store/watch.query'
import { median, timeRuns, type Benchmark } from './lib.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Date.UTC(2026, 2, 4, 12)
const TARGET_MS = 50

/** A fleet in a real SQLite file: `clusters` policies and `backupsPerCluster` backups each, 30 days deep. */
export function seed(clusters: number, backupsPerCluster: number): StoreDatabase {
  const { db } = openDatabase(join(mkdtempSync(join(tmpdir(), 'bd-bench-replan-')), 'bench.sqlite'))
  const sql = db.sqlite
  sql.transaction(() => {
    sql.prepare("INSERT INTO connections (id, name, base_url, created_at, last_sync_at) VALUES ('c', 'c', 'http://x', 0, ?)").run(NOW - HOUR + 60_000)
    sql.prepare("INSERT INTO sync_state (connection_id, last_started_at, last_finished_at, last_error, backups_stale) VALUES ('c', ?, ?, NULL, 0)").run(NOW - HOUR, NOW - HOUR + 60_000)
    const cluster = sql.prepare(`INSERT INTO clusters (connection_id, cluster_id, cluster_name, project_id, region_id, plan,
      deployment, cu_type, cu_size, status) VALUES ('c', ?, ?, 'p', 'r', 'Enterprise', 'Dedicated', 'x', 1, 'RUNNING')`)
    const policy = sql.prepare("INSERT INTO policies (connection_id, cluster_id, policy, read_at) VALUES ('c', ?, ?, 0)")
    const backup = sql.prepare(`INSERT INTO backups (connection_id, backup_id, backup_name, cluster_id, cluster_name,
      project_id, backup_type, creation_method, status, size, create_time, expire_time)
      VALUES ('c', ?, ?, ?, ?, 'p', 'CLUSTER', ?, ?, 1, ?, ?)`)
    for (let c = 0; c < clusters; c++) {
      const id = `k${c}`
      const hour = c % 24
      cluster.run(id, `cluster ${c}`)
      const startTime = `${String(hour).padStart(2, '0')}:00-${String((hour + 2) % 24).padStart(2, '0')}:00`
      policy.run(id, JSON.stringify({ enabled: true, frequency: '1,2,3,4,5,6,7', startTime, retentionDays: 30 }))
      for (let b = 0; b < backupsPerCluster; b++) {
        // Spread over the last 30 days; a few CREATING, the rest AVAILABLE with 30-day retention.
        const created = NOW - 30 * DAY + Math.floor(((b + c / clusters) * 30 * DAY) / backupsPerCluster)
        const isCreating = b === backupsPerCluster - 1 && c % 50 === 0
        backup.run(`b${c}-${b}`, `backup ${b}`, id, `cluster ${c}`, b % 3 === 0 ? 'MANUAL' : 'AUTO',
          isCreating ? 'CREATING' : 'AVAILABLE', created, isCreating ? null : created + 30 * DAY)
      }
    }
  })()
  return db
}

function watcherOver(db: StoreDatabase, clock: ManualClock, scheduler: ManualScheduler): Watcher {
  return createWatcher({
    inputs: createWatchQueries(db),
    ledger: createNotificationLedger(db),
    settings: createSettingsRepo(db),
    clock,
    scheduler,
    notifier: nullNotifier,
    events: new EventBus(),
    logger: silentLogger,
    options: { timeZone: 'UTC' }
  })
}

export const benchmark: Benchmark = {
  title: 'watcher re-plan',
  async run() {
    const db = seed(1000, 100)
    const clock = new ManualClock(NOW)
    const scheduler = new ManualScheduler()
    const watcher = watcherOver(db, clock, scheduler)
    // The first start records the ~3,300 expiring warnings due today; what is timed is the steady state.
    watcher.start()
    // Steady state: a re-plan after a sync that brought nothing new (the common case, no ledger writes).
    const ms = median(await timeRuns(() => watcher.replan(), 30))
    // A minute later each time: ~2 new expiring notices per re-plan are recorded, shown and marked (fsyncs).
    const withNew = median(await timeRuns(() => {
      clock.advance(60_000)
      watcher.replan()
    }, 30))
    const notices = (db.sqlite.prepare('SELECT COUNT(*) AS n FROM notifications').get() as { n: number }).n
    watcher.stop()
    db.close()

    const timers = [10, 1000].map((size) => {
      const small = seed(size, 2)
      const s = new ManualScheduler()
      const w = watcherOver(small, new ManualClock(NOW), s)
      w.start()
      const live = s.list().length
      w.stop()
      small.close()
      return live
    })
    return [
      {
        name: 'replan median, 1,000 policies / 100,000 backups',
        value: Math.round(ms * 100) / 100,
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        ok: ms <= TARGET_MS,
        notes: `${notices} notices in the ledger`
      },
      {
        name: 'replan + raising new notices (clock +1 min)',
        value: Math.round(withNew * 100) / 100,
        unit: 'ms',
        notes: 'includes two fsync-ed write transactions (record, mark delivered)'
      },
      { name: 'live timers, fleet of 10', value: timers[0] ?? -1, unit: 'timers' },
      {
        name: 'live timers, fleet of 1,000',
        value: timers[1] ?? -1,
        unit: 'timers',
        target: 'equal to fleet of 10',
        ok: timers[0] === timers[1]
      }
    ]
  }
}
