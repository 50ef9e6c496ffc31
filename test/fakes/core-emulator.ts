/** Helpers for tests that drive the whole core against the emulator (test/integration/core). */
import { afterEach } from 'vitest'
import type { ClusterSummary } from '#contract/commands/cluster'
import type { ApiLimits } from '#core/api/limits'
import { ManualClock } from '#core/lib/clock'
import type { StoreDatabase } from '#core/store/database'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '#emulator/index'
import { expectOk } from './envelope.ts'
import { LockstepClocks } from './lockstep-clocks.ts'
import { createTestCore, type TestCore } from './test-core.ts'

/** Short deadlines and fast backoff so that retries and timeouts take milliseconds, not seconds. */
export const FAST_LIMITS: Partial<ApiLimits> = {
  // Short backoff keeps retry tests quick; the timeouts stay roomy, because on a loaded CI machine a healthy local
  // answer can take longer than a few hundred milliseconds, and a timeout counted by the circuit breaker would turn
  // a test about two injected errors into one about five. Tests of timeouts set their own.
  getTimeoutMs: 5_000,
  postTimeoutMs: 5_000,
  operationTimeoutMs: 20_000,
  backoffBaseMs: 10,
  backoffCapMs: 40
}

/**
 * Where the demo organization's emulator clock starts: 10 June 2025, 12:30 UTC. Half past the hour keeps the seed's
 * whole-hour backup windows away from the test's own few seconds.
 */
export const DEMO_START = Date.UTC(2025, 5, 10, 12, 30)

/** The emulator with the demo seed on a manual clock from DEMO_START, with room for a test's bursts of requests. */
export function startDemoEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator(demoEmulatorOptions(options))
}

/** startDemoEmulator's options, for set-ups that start the emulator themselves (startConnected). */
export function demoEmulatorOptions(options: EmulatorOptions = {}): EmulatorOptions {
  return { seed: 'demo', clockMode: 'manual', startTime: DEMO_START, rateLimit: 1000, ...options }
}

export type SyncedDemo = { emulator: RunningEmulator; core: TestCore; connectionId: string }

/**
 * An emulator started with `emulatorOptions` (any seed), a fresh test core on a temp-file database (FAST_LIMITS
 * unless `coreOptions` says otherwise) and the emulator added as its one connection. connection/add starts the
 * first sync in the background; the test decides whether to wait for it, join it (`sync/run`) or race it.
 */
export async function startConnected(emulatorOptions: EmulatorOptions, coreOptions: Parameters<typeof createTestCore>[0] = { limits: FAST_LIMITS }): Promise<SyncedDemo> {
  const emulator = await startEmulator(emulatorOptions)
  const core = createTestCore(coreOptions)
  const connectionId = await connect(core, emulator)
  return { emulator, core, connectionId }
}

/**
 * The set-up most core tests start from: the demo emulator (options as startDemoEmulator), a fresh test core on a
 * temp-file database with FAST_LIMITS, the emulator added as its one connection and synced once.
 * Tests end it with stopSyncedDemo.
 */
export async function startSyncedDemo(options: EmulatorOptions = {}): Promise<SyncedDemo> {
  const started = await startConnected(demoEmulatorOptions(options))
  expectOk(await started.core.invoke('sync/run', {}))
  return started
}

/**
 * For a file whose tests each start their own emulator and core: registers an afterEach that ends what the
 * current test handed to the returned function (stopSyncedDemo), so that a failing test leaves nothing running.
 * `const stopLater = stopAfterEach()` at the top, then `const { emulator, core } = stopLater(await startConnected(…))`.
 */
export function stopAfterEach(): <T extends Pick<SyncedDemo, 'emulator' | 'core'>>(started: T) => T {
  let current: Pick<SyncedDemo, 'emulator' | 'core'> | undefined
  afterEach(async () => {
    const started = current
    current = undefined
    if (started !== undefined) await stopSyncedDemo(started)
  })
  return (started) => {
    current = started
    return started
  }
}

export type LockstepOrg = { emulator: RunningEmulator; clock: ManualClock; clocks: LockstepClocks; core: TestCore }

/**
 * An organization with no clusters on the emulator's manual clock from `startTime`, a test core reading a
 * ManualClock at the same instant, and `clocks` that move the two together. The test creates its clusters, then
 * connects (and starts the core, for its watcher) as it needs.
 */
export async function startOnLockstepClocks(startTime: number, options: EmulatorOptions = {}): Promise<LockstepOrg> {
  const emulator = await startEmulator({ seed: 'empty', clockMode: 'manual', startTime, rateLimit: 10_000, ...options })
  const clock = new ManualClock(startTime)
  return { emulator, clock, clocks: new LockstepClocks(emulator, clock), core: createTestCore({ clock }) }
}

/** Closes the core first (its polls and syncs end), then the emulator they were talking to. */
export async function stopSyncedDemo({ emulator, core }: Pick<SyncedDemo, 'emulator' | 'core'>): Promise<void> {
  await core.close()
  await emulator.close()
}

/** The mirrored cluster of that name; throws (failing the test) when the seed has none. */
export async function clusterNamed(core: TestCore, name: string): Promise<ClusterSummary> {
  const cluster = expectOk(await core.invoke('cluster/status', {})).find((c) => c.clusterName === name)
  if (cluster === undefined) throw new Error(`the emulator's seed has no cluster named ${name}`)
  return cluster
}

/** Adds the emulator as a connection and returns its id. */
export async function connect(core: TestCore, emulator: RunningEmulator, name = 'Emulator'): Promise<string> {
  return expectOk(await core.invoke('connection/add', { name, baseUrl: emulator.url, apiKey: emulator.apiKey })).id
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Every cached backup row, in a stable order, exactly as stored. */
export function backupRows(db: StoreDatabase): unknown[] {
  return db.sqlite.prepare('SELECT * FROM backups ORDER BY connection_id, backup_id').all()
}

export type IntentRow = { id: string; cluster_id: string; state: string; backup_id: string | null; job_id: string | null }

export function intentRows(db: StoreDatabase): IntentRow[] {
  return db.sqlite.prepare('SELECT id, cluster_id, state, backup_id, job_id FROM backup_intents ORDER BY created_at, id').all() as IntentRow[]
}

export function staleFlags(db: StoreDatabase, connectionId: string): Record<string, number> | undefined {
  return db.sqlite
    .prepare('SELECT projects_stale AS projects, clusters_stale AS clusters, policies_stale AS policies, backups_stale AS backups FROM sync_state WHERE connection_id = ?')
    .get(connectionId) as Record<string, number> | undefined
}

/** How many requests the emulator received for one endpoint (`METHOD /route/template`). */
export function countOf(emulator: RunningEmulator, endpoint: string): number {
  return emulator.requestCounts()[endpoint] ?? 0
}

/** The backups `GET /v2/backups` lists: AVAILABLE and CREATING ones. */
export function listedBackupIds(emulator: RunningEmulator): string[] {
  return emulator
    .state()
    .backups.filter((b) => b.status === 'AVAILABLE' || b.status === 'CREATING')
    .map((b) => b.backupId)
    .sort()
}
