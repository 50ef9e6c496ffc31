import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Backup } from '#contract/models/backup'
import { listBackups, type ListBackupsQuery } from '#core/store/backups.repo'
import { addConnection } from '#core/store/connections.repo'
import { openDatabase, type StoreDatabase } from '#core/store/database'
import { INSERT_BACKUP_SQL, replaceBackups } from '#core/store/mirror.repo'
import { median, timeRuns, type Benchmark, type BenchResult } from './lib.ts'

const ROWS = 100_000
const CONNECTION = 'bench'

function makeRows(generation: number): Backup[] {
  const base = Date.UTC(2025, 0, 1)
  return Array.from({ length: ROWS }, (_, i): Backup => ({
    backupId: `g${generation}-${String(i).padStart(6, '0')}`,
    backupName: `backup ${generation}-${i}`,
    clusterId: `in01-${i % 200}`,
    clusterName: `Cluster ${i % 200}`,
    projectId: `proj-${i % 5}`,
    connectionId: CONNECTION,
    backupType: i % 5 === 0 ? 'COLLECTION' : 'CLUSTER',
    creationMethod: i % 4 === 0 ? 'MANUAL' : 'AUTO',
    status: i % 10 === 0 ? 'CREATING' : 'AVAILABLE',
    size: (i * 7919) % 10_000_000,
    createTime: new Date(base + i * 60_000).toISOString(),
    expireTime: i % 7 === 0 ? null : new Date(base + i * 60_000 + 7 * 86_400_000).toISOString()
  }))
}

function openFresh(dir: string, name: string): StoreDatabase {
  const { db } = openDatabase(join(dir, name))
  addConnection(db, { id: CONNECTION, name: 'Bench', baseUrl: 'https://bench.test' })
  return db
}

/**
 * replaceBackups (validation, ISO→epoch conversion, connection check, DELETE + INSERT, stale flag) against the
 * least a hand-written replace can do: the same DELETE and a prepared-insert loop of pre-converted rows, in one
 * transaction, on an identical table (same migration, same indexes) in a second database file.
 */
export const benchmark: Benchmark = {
  title: 'store: replace 100k cached backups',
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'backup-desk-bench-'))
    try {
      const generations = [makeRows(1), makeRows(2)]
      const store = openFresh(dir, 'store.db')
      const bare = openFresh(dir, 'bare.db')
      const bareRows = generations.map((rows) =>
        rows.map((b) => [CONNECTION, b.backupId, b.backupName, b.clusterId, b.clusterName, b.projectId, b.backupType,
          b.creationMethod, b.status, b.size, Date.parse(b.createTime),
          b.expireTime === null ? null : Date.parse(b.expireTime)])
      )
      const bareDelete = bare.sqlite.prepare('DELETE FROM backups WHERE connection_id = ?')
      const bareInsert = bare.sqlite.prepare(INSERT_BACKUP_SQL)
      const bareReplace = bare.sqlite.transaction((rows: unknown[][]) => {
        bareDelete.run(CONNECTION)
        for (const row of rows) bareInsert.run(...row)
      })
      let round = 0
      const storeTimes: number[] = []
      const bareTimes: number[] = []
      // Interleaved so both see the same machine load.
      for (let i = 0; i < 7; i++) {
        const gen = round++ % 2
        storeTimes.push(...(await timeRuns(() => replaceBackups(store, CONNECTION, generations[gen] ?? []), 1, 0)))
        bareTimes.push(...(await timeRuns(() => bareReplace(bareRows[gen] ?? []), 1, 0)))
      }
      const storeMedian = median(storeTimes.slice(1))
      const bareMedian = median(bareTimes.slice(1))
      const ratio = storeMedian / bareMedian

      const queries: [string, ListBackupsQuery][] = [
        ['cluster + status, newest first', { clusterId: 'in01-42', status: 'AVAILABLE', sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 50 }],
        ['all, newest first, page 3', { sort: { by: 'createTime', dir: 'desc' }, offset: 100, limit: 50 }],
        ['MANUAL, by size', { creationMethod: 'MANUAL', sort: { by: 'size', dir: 'desc' }, offset: 0, limit: 50 }],
        ['search "cluster 42"', { search: 'cluster 42', sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 50 }]
      ]
      const queryResults: BenchResult[] = []
      // One after another: interleaved async runs would time each other's work.
      for (const [name, query] of queries) {
        queryResults.push({
          name: `listBackups median: ${name}`,
          value: median(await timeRuns(() => void listBackups(store, query), 20)),
          unit: 'ms',
          notes: `${ROWS} rows, total ${listBackups(store, query).total}`
        })
      }
      store.close()
      bare.close()
      return [
        { name: 'replaceBackups median', value: storeMedian, unit: 'ms', notes: `${ROWS} rows, 6 timed runs` },
        { name: 'bare prepared-insert loop median', value: bareMedian, unit: 'ms', notes: 'same DELETE + inserts, same table' },
        { name: 'replaceBackups / bare', value: ratio, unit: '×', target: '≤ 1.5', ok: ratio <= 1.5 },
        ...queryResults
      ]
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
