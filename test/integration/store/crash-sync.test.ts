import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '#core/store/database'
import { prepareCrashChild, ROUNDS, runAndKill } from './crash-harness.ts'

const ROWS_PER_GENERATION = 3000
let child: ReturnType<typeof prepareCrashChild>
beforeAll(() => (child = prepareCrashChild()))
afterAll(() => child.cleanup())

describe('app-crash consistency under SIGKILL during cache refreshes (R17)', () => {
  it(`${ROUNDS} kills leave integrity ok and exactly one complete generation, never older than the last ACK`, async () => {
    const dbPath = join(child.dir, 'sync.db')
    for (let round = 0; round < ROUNDS; round++) {
      const acks = await runAndKill(child.childPath, dbPath, 'sync')
      const lastAck = acks.at(-1) ?? 0
      const { db, recovered } = openDatabase(dbPath)
      try {
        expect(recovered).toBeNull()
        expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
        const generations = db.sqlite
          .prepare('SELECT backup_name AS name, count(*) AS n FROM backups GROUP BY backup_name')
          .all() as { name: string; n: number }[]
        if (generations.length === 0) {
          expect(lastAck).toBe(0)
          continue
        }
        expect(generations).toHaveLength(1)
        expect(generations[0]?.n).toBe(ROWS_PER_GENERATION)
        const generation = Number(generations[0]?.name.replace('generation ', ''))
        // The DB may be one commit ahead of the last ACK (killed after COMMIT, before the print), never behind.
        expect(generation).toBeGreaterThanOrEqual(lastAck)
      } finally {
        db.close()
      }
    }
  }, 120_000)
})
