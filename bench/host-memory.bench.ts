import { readFileSync } from 'node:fs'
import { startEmulator } from '../src-main/emulator/index.ts'
import { hostRpc, startHostProcess } from '../scripts/host-process.ts'
import { type Benchmark, type BenchResult } from './lib.ts'

const TOKEN = 'bench-token'
const SEED = 'large:200:500'
const SYNCS = 10
const TARGET_MB = 300
/**
 * "No growth from sync to sync": the Theil–Sen slope over syncs 2…10 (the first one fills the cache), the median of
 * the slopes between every two syncs, which one garbage-collection peak cannot tilt as it tilts a least-squares fit
 * (a single 60 MB peak at sync 8 of an otherwise flat run read 2.2 MB/sync that way); both are printed.
 */
const SLOPE_TARGET_MB = 1

/** The resident set of a process, from the kernel (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
  const kb = Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN)
  return kb / 1024
}

/** Theil–Sen slope of ys against 0, 1, 2, …: the median of (ys[j] − ys[i]) / (j − i) over every i < j. */
function medianSlope(ys: readonly number[]): number {
  const slopes = ys.flatMap((yi, i) => ys.slice(i + 1).map((yj, k) => (yj - yi) / (k + 1))).sort((a, b) => a - b)
  const mid = Math.floor(slopes.length / 2)
  if (slopes.length === 0) return 0
  return slopes.length % 2 === 1 ? (slopes[mid] ?? 0) : ((slopes[mid - 1] ?? 0) + (slopes[mid] ?? 0)) / 2
}

/** Least-squares slope of ys against 0, 1, 2, …: megabytes per sync. */
function slope(ys: readonly number[]): number {
  const n = ys.length
  const meanX = (n - 1) / 2
  const meanY = ys.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY)
    den += (x - meanX) ** 2
  })
  return den === 0 ? 0 : num / den
}

export const benchmark: Benchmark = {
  title: `Host memory with 100,000 cached backups (${SEED}: 200 clusters × 500), ${SYNCS} syncs`,
  async run(): Promise<BenchResult[]> {
    const emulator = await startEmulator({ seed: SEED, port: 0, rateLimit: 100_000 })
    const port = 6000 + Math.floor(Math.random() * 100)
    // A fresh host process on a fresh data folder: the compiled entry, as `npm run web` starts it.
    const host = await startHostProcess({ port, token: TOKEN, dataDirPrefix: 'backup-desk-bench-memory-' })
    const pid = host.child.pid ?? 0
    try {
      const launched = rssMb(pid)
      await hostRpc(host.base, TOKEN, 'connection/add', { name: 'Large org', baseUrl: emulator.url, apiKey: emulator.apiKey })
      const afterSync: number[] = []
      for (let i = 0; i < SYNCS; i++) {
        await hostRpc(host.base, TOKEN, 'sync/run', {})
        // What the admin's machine holds between syncs; a list read as the Fleet and Backups do.
        await hostRpc(host.base, TOKEN, 'cluster/list', {})
        await hostRpc(host.base, TOKEN, 'backup/list', { offset: 0, limit: 50 })
        afterSync.push(rssMb(pid))
      }
      const first = afterSync[0] ?? Number.NaN
      const last = afterSync.at(-1) ?? Number.NaN
      const growth = medianSlope(afterSync.slice(1))
      return [
        { name: 'host RSS after launch', value: Math.round(launched), unit: 'MB', notes: 'before any connection' },
        { name: 'host RSS, 100,000 cached backups', figure: 'host RSS with 100,000 cached backups (`host-memory`)', phase: 'cold', value: Math.round(first), unit: 'MB', target: `≤ ${TARGET_MB} MB`, ok: first <= TARGET_MB, notes: 'after the first sync' },
        { name: 'host RSS, 100,000 cached backups', figure: 'host RSS with 100,000 cached backups (`host-memory`)', phase: 'warm', value: Math.round(last), unit: 'MB', target: `≤ ${TARGET_MB} MB`, ok: last <= TARGET_MB, notes: `after sync ${SYNCS}; each: ${afterSync.map((mb) => mb.toFixed(0)).join(', ')} MB` },
        { name: `RSS growth per sync (slope over syncs 2–${SYNCS})`, value: growth, unit: 'MB/sync', target: `≤ ${SLOPE_TARGET_MB} MB/sync`, ok: growth <= SLOPE_TARGET_MB, notes: `Theil–Sen; least squares ${slope(afterSync.slice(1)).toFixed(2)} MB/sync` }
      ]
    } finally {
      host.child.kill('SIGTERM')
      await emulator.close()
    }
  }
}
