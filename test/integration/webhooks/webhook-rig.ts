import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CommandInput } from '#contract/commands'
import type { Webhook } from '#contract/models/webhook'
import { createCore, type Core } from '#core/create-core'
import { ManualClock } from '#core/lib/clock'
import { createLogger, type LogSink } from '#core/lib/logger'
import { ManualScheduler } from '#core/schedule/manual-scheduler'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'
import { openDatabase, type StoreDatabase } from '#core/store/database'
import { expectOk } from '../../fakes/envelope.ts'
import { RecordingNotifier } from '../../fakes/test-core.ts'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
/** Monday 2 March 2026, 00:00 UTC. */
export const MONDAY = Date.UTC(2026, 2, 2)

export type Rig = {
  core: Core
  db: StoreDatabase
  clock: ManualClock
  scheduler: ManualScheduler
  secrets: MemorySecretStore
  dataDir: string
  /** Stops the core and closes the database (a restart opens a new rig on the same dataDir). */
  close(): Promise<void>
}

/**
 * The real core on a temp-file database with a fake clock and a manual scheduler, time zone UTC. The secret
 * store is kept by the caller across restarts, standing in for the OS keychain.
 */
export function startRig(o: { dataDir?: string; clock?: ManualClock; secrets?: MemorySecretStore; logSink?: LogSink; random?: () => number } = {}): Rig {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'bd-webhooks-'))
  const { db } = openDatabase(join(dataDir, 'backup-desk.db'))
  const clock = o.clock ?? new ManualClock(MONDAY)
  const scheduler = new ManualScheduler()
  const secrets = o.secrets ?? new MemorySecretStore()
  const core = createCore({
    version: '0.0.0-test', runtime: 'browser', dataDir, clock, db, secrets, scheduler,
    logger: createLogger({ sink: o.logSink ?? (() => undefined), minLevel: 'debug' }),
    createApiClient: () => {
      throw new Error('no API in webhook tests')
    },
    notifier: new RecordingNotifier(),
    timings: { syncOnStart: false, syncIntervalMs: 0, jobPollMs: 60_000 },
    watcher: { timeZone: 'UTC' },
    webhooks: { send: { timeoutMs: 2000 }, random: () => 0.5 }
  })
  return {
    core, db, clock, scheduler, secrets, dataDir,
    close: async () => {
      await core.stop()
      db.close()
    }
  }
}

/** Cache rows as a sync would write them: one connection, one cluster (named as given), one project. */
export function seedCluster(db: StoreDatabase, c: { clusterId: string; clusterName: string; connectionId?: string; connectionName?: string }): void {
  const conn = c.connectionId ?? 'conn-1'
  db.sqlite.prepare('INSERT OR IGNORE INTO connections (id, name, base_url, created_at) VALUES (?, ?, ?, 0)').run(conn, c.connectionName ?? 'Production org', 'http://127.0.0.1')
  db.sqlite.prepare('INSERT OR IGNORE INTO sync_state (connection_id) VALUES (?)').run(conn)
  db.sqlite.prepare("INSERT OR IGNORE INTO projects (connection_id, project_id, project_name) VALUES (?, 'proj-1', 'Search')").run(conn)
  db.sqlite
    .prepare(
      `INSERT INTO clusters (connection_id, cluster_id, cluster_name, project_id, region_id, plan, deployment, cu_type, cu_size, status)
       VALUES (?, ?, ?, 'proj-1', 'aws-us-west-2', 'Enterprise', 'Dedicated', 'Performance-optimized', 1, 'RUNNING')`
    )
    .run(conn, c.clusterId, c.clusterName)
}

/** An AVAILABLE backup expiring at `expiresMs`: the watcher raises an `expiring` notice within the lead time. */
export function seedExpiringBackup(db: StoreDatabase, b: { backupId: string; clusterId: string; clusterName: string; expiresMs: number; connectionId?: string }): void {
  db.sqlite
    .prepare(
      `INSERT INTO backups (connection_id, backup_id, backup_name, cluster_id, cluster_name, project_id, backup_type,
         creation_method, status, size, create_time, expire_time) VALUES (?, ?, ?, ?, ?, 'proj-1', 'CLUSTER', 'AUTO', 'AVAILABLE', 1, ?, ?)`
    )
    .run(b.connectionId ?? 'conn-1', b.backupId, `backup-${b.backupId}`, b.clusterId, b.clusterName, b.expiresMs - 7 * 24 * HOUR, b.expiresMs)
}

export async function addWebhook(rig: Rig, input: CommandInput<'webhook/add'>): Promise<Webhook> {
  return expectOk(await rig.core.invoke('webhook/add', input))
}

/** Moves the fake clock to `atMs`, fires whatever timers fell due and waits for the outbox to sleep. */
export async function advanceTo(rig: Rig, atMs: number): Promise<void> {
  for (let guard = 0; guard < 1000; guard++) {
    const next = rig.scheduler.nextAt()
    if (next === null || next > atMs) break
    rig.clock.set(Math.max(rig.clock.now(), next))
    rig.scheduler.runDue(rig.clock.now())
    await rig.core.flushWebhooks()
  }
  rig.clock.set(atMs)
  await rig.core.flushWebhooks()
}
