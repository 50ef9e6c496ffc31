import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '#core/store/database'
import { prepareCrashChild, ROUNDS, runAndKill } from './crash-harness.ts'

let child: ReturnType<typeof prepareCrashChild>
beforeAll(() => (child = prepareCrashChild()))
afterAll(() => child.cleanup())

describe('app-crash consistency under SIGKILL during draft saves (R17)', () => {
  it(`${ROUNDS} kills keep integrity ok and every acknowledged draft and intent`, async () => {
    const dbPath = join(child.dir, 'drafts.db')
    const acknowledged: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      acknowledged.push(...(await runAndKill(child.childPath, dbPath, 'drafts')))
      const { db, recovered } = openDatabase(dbPath)
      try {
        expect(recovered).toBeNull()
        expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
        const drafts = new Set(
          (db.sqlite.prepare('SELECT cluster_id AS c FROM drafts').all() as { c: string }[]).map((r) => r.c)
        )
        const intents = new Set(
          (db.sqlite.prepare('SELECT id FROM backup_intents').all() as { id: string }[]).map((r) => r.id)
        )
        for (const n of acknowledged) {
          expect(drafts.has(`in01-${n}`)).toBe(true)
          expect(intents.has(`intent-${n}`)).toBe(true)
        }
        // An intent is committed after its draft, so a draft may lack its intent (killed between), never the reverse.
        for (const id of intents) expect(drafts.has(id.replace('intent-', 'in01-'))).toBe(true)
      } finally {
        db.close()
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0)
  }, 120_000)
})
