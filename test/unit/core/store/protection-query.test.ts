import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { achievedRpo } from '#contract/protection'
import type { StoreDatabase } from '#core/store/database'
import { goodBackupGaps, goodBackupTimes, type GoodBackupGaps } from '#core/store/protection.query'
import { CONNECTION_ID, makeTempDir, openWithConnection } from './store-fixtures.ts'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 26, 12)
const FROM = NOW - 30 * DAY

let temp: ReturnType<typeof makeTempDir>
let db: StoreDatabase
beforeAll(() => {
  temp = makeTempDir()
  db = openWithConnection(`${temp.dir}/store.db`)
})
afterAll(() => {
  db.close()
  temp.cleanup()
})

type Observed = { cluster: number; createTime: number; wasAvailable: boolean }

function storeHistory(history: readonly Observed[]): void {
  db.sqlite.prepare('DELETE FROM observed_backups').run()
  const insert = db.sqlite.prepare(
    `INSERT INTO observed_backups (connection_id, backup_id, backup_name, cluster_id, backup_type, creation_method, status, size,
       create_time, expire_time, first_seen_at, last_seen_at, gone_at, was_available)
     VALUES (?, ?, ?, ?, 'CLUSTER', 'AUTO', ?, 0, ?, NULL, ?, ?, NULL, ?)`
  )
  history.forEach((b, i) => {
    insert.run(CONNECTION_ID, `backup-${i}`, `Backup ${i}`, `in01-${b.cluster}`, b.wasAvailable ? 'AVAILABLE' : 'CREATING', b.createTime, NOW, NOW, b.wasAvailable ? 1 : 0)
  })
}

/** The rule as the contract states it: `achievedRpo` over the good backups' creation times. */
function byTheRule(): Map<string, GoodBackupGaps> {
  const out = new Map<string, GoodBackupGaps>()
  for (const [clusterId, times] of goodBackupTimes(db, { connectionId: CONNECTION_ID }, FROM, NOW)) {
    const newest = times.at(-1)
    if (newest !== undefined) out.set(clusterId, { longestGapMs: achievedRpo(times, NOW, NOW - FROM).longestGapMs, newestMs: newest })
  }
  return out
}

describe('the gaps between good backups, computed in the database', () => {
  it('equal achievedRpo over the good backups for any history: before the period, inside it, failed ones, ties', () => {
    const observed = fc.record({
      cluster: fc.integer({ min: 0, max: 3 }),
      // From 40 days before the period's end to just after it, on a coarse grid so that equal times occur.
      createTime: fc.integer({ min: -40 * 24, max: 2 }).map((hours) => NOW + hours * 3_600_000),
      wasAvailable: fc.boolean()
    })
    fc.assert(
      fc.property(fc.array(observed, { maxLength: 60 }), (history) => {
        storeHistory(history)
        expect(goodBackupGaps(db, { connectionId: CONNECTION_ID }, FROM, NOW)).toEqual(byTheRule())
      }),
      { numRuns: 100 }
    )
  })

  it('counts a gap from a backup before the period only from the period’s start', () => {
    storeHistory([
      { cluster: 0, createTime: FROM - 5 * DAY, wasAvailable: true },
      { cluster: 0, createTime: FROM + 2 * DAY, wasAvailable: true },
      { cluster: 0, createTime: FROM + 3 * DAY, wasAvailable: true },
      { cluster: 1, createTime: FROM - DAY, wasAvailable: true }
    ])
    const gaps = goodBackupGaps(db, { connectionId: CONNECTION_ID }, FROM, NOW)
    expect(gaps.get('in01-0')).toEqual({ longestGapMs: 2 * DAY, newestMs: FROM + 3 * DAY })
    expect(gaps.get('in01-1')).toEqual({ longestGapMs: null, newestMs: FROM - DAY })
  })
})
