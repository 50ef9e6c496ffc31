import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { achievedRpo } from '#contract/protection'
import { addConnection } from '#core/store/connections.repo'
import type { StoreDatabase } from '#core/store/database'
import { goodBackupGaps, type GoodBackupGaps } from '#core/store/protection.query'
import { CONNECTION_ID, makeTempDir, openWithConnection } from './store-fixtures.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Date.UTC(2026, 10, 26, 12)
const FROM = NOW - 30 * DAY
/** A second organization that lists the same cluster ids with a history of its own. */
const OTHER_CONNECTION = 'conn-2'

let temp: ReturnType<typeof makeTempDir>
let db: StoreDatabase
beforeAll(() => {
  temp = makeTempDir()
  db = openWithConnection(`${temp.dir}/store.db`)
  addConnection(db, { id: OTHER_CONNECTION, name: 'Staging', baseUrl: 'https://api.cloud.zilliz.com' })
})
afterAll(() => {
  db.close()
  temp.cleanup()
})

type Observed = { cluster: number; createTime: number; wasAvailable: boolean }

/** Stores the history and "known since" (null: the cluster has no row in cluster_watch, never fully synced). */
function store(history: readonly Observed[], knownSince: ReadonlyMap<number, number | null>, connectionId = CONNECTION_ID): void {
  const insert = db.sqlite.prepare(
    `INSERT INTO observed_backups (connection_id, backup_id, backup_name, cluster_id, backup_type, creation_method, status, size,
       create_time, expire_time, first_seen_at, last_seen_at, gone_at, was_available)
     VALUES (?, ?, ?, ?, 'CLUSTER', 'AUTO', ?, 0, ?, NULL, ?, ?, NULL, ?)`
  )
  history.forEach((b, i) => {
    insert.run(connectionId, `backup-${i}`, `Backup ${i}`, `in01-${b.cluster}`, b.wasAvailable ? 'AVAILABLE' : 'CREATING', b.createTime, NOW, NOW, b.wasAvailable ? 1 : 0)
  })
  const watch = db.sqlite.prepare('INSERT INTO cluster_watch (connection_id, cluster_id, first_synced_at, known_since) VALUES (?, ?, ?, ?)')
  for (const [cluster, since] of knownSince) if (since !== null) watch.run(connectionId, `in01-${cluster}`, Math.max(since, NOW), since)
}

function clear(): void {
  db.sqlite.prepare('DELETE FROM observed_backups').run()
  db.sqlite.prepare('DELETE FROM cluster_watch').run()
}

/** The rule as the contract states it: `achievedRpo` over every good backup's creation time, from the history as generated. */
function byTheRule(history: readonly Observed[], knownSince: ReadonlyMap<number, number | null>, fromMs: number, toMs: number): Map<string, GoodBackupGaps> {
  const out = new Map<string, GoodBackupGaps>()
  const watched = [...knownSince].filter(([, since]) => since !== null).map(([cluster]) => cluster)
  for (const cluster of new Set([...history.map((b) => b.cluster), ...watched])) {
    const times = history.filter((b) => b.cluster === cluster && b.wasAvailable && b.createTime <= toMs).map((b) => b.createTime).sort((a, b) => a - b)
    const newest = times.at(-1) ?? null
    // A cluster neither known nor with a good backup has nothing to show.
    if (newest === null && !watched.includes(cluster)) continue
    const { rpoMs } = achievedRpo(times, toMs, knownSince.get(cluster) ?? null, toMs - fromMs)
    out.set(`in01-${cluster}`, { rpoMs, newestMs: newest })
  }
  return out
}

const hours = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max }).map((h) => NOW + h * HOUR)

describe('the gaps between good backups, computed in the database', () => {
  it('equal achievedRpo over the good backups for any history and any "known since": before the period, inside it, never', () => {
    const observed = fc.record({
      cluster: fc.integer({ min: 0, max: 3 }),
      // From 40 days before the period's end to just after it, on a coarse grid so that equal times occur.
      createTime: hours(-40 * 24, 2),
      wasAvailable: fc.boolean()
    })
    // Known long before the period, inside it (a few days), right at a backup's hour, after the period's end, or not yet.
    const since = fc.option(hours(-60 * 24, 3), { nil: null })
    const period = fc.constantFrom({ from: FROM, to: NOW }, { from: NOW - 20 * DAY, to: NOW - 5 * DAY }, { from: NOW - 90 * DAY, to: NOW })
    fc.assert(
      fc.property(fc.array(observed, { maxLength: 60 }), fc.array(since, { minLength: 4, maxLength: 4 }), period, (history, knownList, { from, to }) => {
        clear()
        const knownSince = new Map(knownList.map((t, cluster) => [cluster, t]))
        store(history, knownSince)
        expect(goodBackupGaps(db, { connectionId: CONNECTION_ID }, from, to)).toEqual(byTheRule(history, knownSince, from, to))
      }),
      { numRuns: 150 }
    )
  })

  it('asked for some clusters (the Fleet\'s first rows, one cluster\'s details), answers exactly their entries of the whole answer', () => {
    const observed = fc.record({ cluster: fc.integer({ min: 0, max: 3 }), createTime: hours(-40 * 24, 2), wasAvailable: fc.boolean() })
    const asked = fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 5 })
    fc.assert(
      fc.property(fc.array(observed, { maxLength: 40 }), fc.array(fc.option(hours(-60 * 24, 3), { nil: null }), { minLength: 4, maxLength: 4 }), asked, (history, knownList, clusters) => {
        clear()
        const knownSince = new Map(knownList.map((t, cluster) => [cluster, t]))
        store(history, knownSince)
        const clusterIds = clusters.map((cluster) => `in01-${cluster}`)
        const whole = byTheRule(history, knownSince, FROM, NOW)
        const expected = new Map([...whole].filter(([clusterId]) => clusterIds.includes(clusterId)))
        expect(goodBackupGaps(db, { connectionId: CONNECTION_ID, clusterIds }, FROM, NOW)).toEqual(expected)
      }),
      { numRuns: 100 }
    )
  })

  /** Daily good backups at 02:00 UTC of cluster 0, `fromDay` to `toDay` days before NOW (inclusive), except `skip`. */
  const dailies = (fromDay: number, toDay: number, skip: readonly number[] = []): Observed[] =>
    Array.from({ length: fromDay - toDay + 1 }, (_, k) => fromDay - k)
      .filter((day) => !skip.includes(day))
      .map((day) => ({ cluster: 0, createTime: NOW - day * DAY - 10 * HOUR, wasAvailable: true }))
  const figures = (): GoodBackupGaps | undefined => goodBackupGaps(db, { connectionId: CONNECTION_ID }, FROM, NOW).get('in01-0')

  it('a cluster known for 3 days counts only those 3 days: an older 10-day gap is not its RPO', () => {
    clear()
    store([...dailies(45, 20), ...dailies(10, 0)], new Map([[0, NOW - 3 * DAY]]))
    expect(figures()).toEqual({ rpoMs: DAY, newestMs: NOW - 10 * HOUR })
  })

  it('a cluster known for 60 days counts the whole 30-day period, a gap from before it counting from its start', () => {
    clear()
    store([...dailies(45, 33), ...dailies(26, 0)], new Map([[0, NOW - 60 * DAY]]))
    // The last backup before the period is 33 days old; the first inside is 26 days old: 4 days count.
    expect(figures()).toEqual({ rpoMs: NOW - 26 * DAY - 10 * HOUR - FROM, newestMs: NOW - 10 * HOUR })
  })

  it('a gap that straddles "known since" counts only from "known since"', () => {
    clear()
    // Nothing between 12 and 4 days ago, known since 6 days ago: of that gap, only the 2 days − 10 h since then count.
    store([...dailies(20, 12), ...dailies(4, 0)], new Map([[0, NOW - 6 * DAY]]))
    expect(figures()).toEqual({ rpoMs: 2 * DAY - 10 * HOUR, newestMs: NOW - 10 * HOUR })
  })

  it('no good backup since "known since": the RPO is the whole counted time, the newest good backup is still known', () => {
    clear()
    store([...dailies(20, 8), { cluster: 0, createTime: NOW - 2 * DAY, wasAvailable: false }], new Map([[0, NOW - 5 * DAY]]))
    expect(figures()).toEqual({ rpoMs: 5 * DAY, newestMs: NOW - 8 * DAY - 10 * HOUR })
  })

  it('open gap longer than every closed one: dailies that stopped 13 days ago read 13 days, not 1', () => {
    clear()
    store(dailies(45, 13), new Map([[0, NOW - 60 * DAY]]))
    expect(figures()).toEqual({ rpoMs: 13 * DAY + 10 * HOUR, newestMs: NOW - 13 * DAY - 10 * HOUR })
  })

  it('open gap shorter than a closed one: the closed gap is the RPO', () => {
    clear()
    store([...dailies(29, 12), ...dailies(5, 0)], new Map([[0, NOW - 60 * DAY]]))
    expect(figures()).toEqual({ rpoMs: 7 * DAY, newestMs: NOW - 10 * HOUR })
  })

  it('a known cluster without any good backup: the whole counted time, and no newest good backup', () => {
    clear()
    store([{ cluster: 0, createTime: NOW - 2 * DAY, wasAvailable: false }], new Map([[0, NOW - 60 * DAY]]))
    expect(figures()).toEqual({ rpoMs: 30 * DAY, newestMs: null })
  })

  it('a cluster never fully synced counts nothing', () => {
    clear()
    store(dailies(20, 0), new Map([[0, null]]))
    expect(figures()).toEqual({ rpoMs: null, newestMs: NOW - 10 * HOUR })
  })

  it('two connections listing the same cluster id each answer from their own history and their own "known since"', () => {
    clear()
    store(dailies(20, 0), new Map([[0, NOW - 60 * DAY]]))
    store(dailies(20, 0, [5, 6, 7]), new Map([[0, NOW - 60 * DAY]]), OTHER_CONNECTION)
    expect(goodBackupGaps(db, { connectionId: CONNECTION_ID }, FROM, NOW).get('in01-0')?.rpoMs).toBe(DAY)
    expect(goodBackupGaps(db, { connectionId: OTHER_CONNECTION }, FROM, NOW).get('in01-0')?.rpoMs).toBe(4 * DAY)
  })
})
