import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '#core/store/database'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { listedBackupIds } from '../../fakes/core-emulator.ts'
import { prepareCoreChild, spawnCoreChild, type CrashChild } from '../../fakes/core-crash-harness.ts'

const ROUNDS = 30
const DAY_MS = 86_400_000

let child: CrashChild
let emulator: RunningEmulator
let dataDir: string

beforeAll(async () => {
  child = prepareCoreChild()
  // Real clock (the rate-limit windows move) with a high limit: the child syncs unpaced. Starting at hh:30 keeps
  // the seed's whole-hour backup windows (and expiries) away from the few real seconds each round lasts.
  emulator = await startEmulator({ seed: 'large:20:50', rateLimit: 100_000, startTime: Date.UTC(2025, 5, 10, 12, 30) })
  dataDir = mkdtempSync(join(tmpdir(), 'backup-desk-core-crash-sync-'))
})

afterAll(async () => {
  await emulator.close()
  child.cleanup()
  rmSync(dataDir, { recursive: true, force: true })
})

type Snapshot = { integrity: unknown; backupIds: string[]; clusters: number; policies: number }

function readSnapshot(): Snapshot {
  const { db, recovered } = openDatabase(join(dataDir, 'backup-desk.db'))
  try {
    expect(recovered).toBeNull()
    const ids = db.sqlite.prepare('SELECT backup_id AS id FROM backups ORDER BY backup_id').all() as { id: string }[]
    const count = (table: string): number => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    return {
      integrity: db.sqlite.pragma('integrity_check', { simple: true }),
      backupIds: ids.map((r) => r.id),
      clusters: count('clusters'),
      policies: count('policies')
    }
  } finally {
    db.close()
  }
}

/** Runs one sync to its first ACK and returns how long it took after the child was ready. */
async function measureOneSync(): Promise<number> {
  emulator.advance(DAY_MS)
  const running = spawnCoreChild(child.childPath, ['sync', dataDir, emulator.url, emulator.apiKey])
  await running.waitForLine((line) => line === 'READY')
  const started = performance.now()
  await running.waitForLine((line) => line.startsWith('ACK '))
  const elapsed = performance.now() - started
  await running.kill()
  return elapsed
}

describe('app-crash consistency under SIGKILL during syncs through the whole core (R17, R27)', () => {
  it(`${ROUNDS} kills mid-sync leave integrity ok and the backups cache exactly one complete generation, never older than the last ACK`, async () => {
    let acknowledgedRounds = 0
    let killedBeforeCommit = 0
    // Kills are spread over the time one whole sync takes on this machine (measured, not assumed), so that both
    // outcomes occur on a fast machine and on a loaded one. The faster of two measured syncs: the first fills an
    // empty cache with a cold test process and may take several times as long as the rounds' syncs, and a window
    // that wide once let all 30 kills land after the commit.
    const syncMs = Math.min(await measureOneSync(), await measureOneSync())
    let committed = readSnapshot().backupIds
    for (let round = 0; round < ROUNDS; round++) {
      // A distinct emulator state per round: a day later, new automatic backups started and old ones expired.
      emulator.advance(DAY_MS)
      const generation = listedBackupIds(emulator)
      expect(generation).not.toEqual(committed)

      const running = spawnCoreChild(child.childPath, ['sync', dataDir, emulator.url, emulator.apiKey])
      await running.waitForLine((line) => line === 'READY')
      // One kill in each of ROUNDS equal slices of the window, at a random point of it: the early slices land
      // before the commit and the late ones after the ACK on any machine, never all on one side by chance.
      const killAfterMs = 20 + ((round + Math.random()) / ROUNDS) * Math.max(700, 1.5 * syncMs)
      await new Promise((resolve) => setTimeout(resolve, killAfterMs))
      await running.kill()
      const acks = running.lines.filter((line) => line.startsWith('ACK '))
      expect(running.lines.filter((line) => line.startsWith('ERR '))).toEqual([])

      const snapshot = readSnapshot()
      expect(snapshot.integrity).toBe('ok')
      if (acks.length > 0) {
        // Every acknowledged sync is durable: the cache is this round's generation, complete.
        acknowledgedRounds++
        expect(snapshot.backupIds).toEqual(generation)
        expect(Number(acks.at(-1)?.split(' ')[2])).toBe(generation.length)
      } else {
        // Killed before any ACK: the previous generation, or this one if killed after COMMIT and before the print;
        // never a mix of the two, never a partial list.
        if (snapshot.backupIds.length === 0 || sameIds(snapshot.backupIds, committed)) killedBeforeCommit++
        expect(sameIds(snapshot.backupIds, committed) || sameIds(snapshot.backupIds, generation)).toBe(true)
      }
      // Each list is replaced on its own, all or nothing: never a part of the 20 clusters or policies.
      expect([0, 20]).toContain(snapshot.clusters)
      expect([0, 20]).toContain(snapshot.policies)
      if (acks.length > 0) expect([snapshot.clusters, snapshot.policies]).toEqual([20, 20])
      committed = snapshot.backupIds
    }
    // The kills landed both before a commit and after acknowledged syncs.
    expect(acknowledgedRounds).toBeGreaterThan(0)
    expect(killedBeforeCommit).toBeGreaterThan(0)
  }, 170_000)
})

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}
