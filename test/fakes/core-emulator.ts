/** Helpers for tests that drive the whole core against the emulator (test/integration/core). */
import type { ApiLimits } from '#core/api/limits'
import type { StoreDatabase } from '#core/store/database'
import type { RunningEmulator } from '#emulator/index'
import { expectOk } from './envelope.ts'
import type { TestCore } from './test-core.ts'

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
