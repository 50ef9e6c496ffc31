import { cpuUsage } from 'node:process'
import os from 'node:os'
import { DEFAULT_LIMITS } from '#core/api/limits'
import { pacingIntervalMs } from '#core/api/rate-limiter'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { createTestCore } from '../test/fakes/test-core.ts'
import type { Benchmark, BenchResult } from './lib.ts'
import { traceSends, wallParts } from './send-trace.ts'

const SEED = 'large:200:50'
const SYNC_FIGURE = 'sync of `large:200:50`, 150 ms latency, 20/s: wall ÷ rate-limit floor (`sync-large`)'
const LATENCY_MS = 150
const RATE_LIMIT = 20
const PAGE_SIZE = 100

type Counts = Record<string, number>

function delta(after: Counts, before: Counts): Counts {
  const out: Counts = {}
  for (const [key, value] of Object.entries(after)) {
    const grown = value - (before[key] ?? 0)
    if (grown > 0) out[key] = grown
  }
  return out
}

/**
 * The naive client the core replaces: one request at a time, the same endpoints and page size as a sync
 * (projects, every cluster page, every Dedicated cluster's policy, every backup page), with `fetch`, reading each
 * body completely. No pacing is needed: one request in flight at 150 ms latency stays far below 20/s.
 */
async function sequentialSync(emulator: RunningEmulator): Promise<{ requests: number; backups: number }> {
  let requests = 0
  const get = async (path: string): Promise<{ code: number; data: unknown }> => {
    requests++
    const response = await fetch(`${emulator.url}${path}`, { headers: { Authorization: `Bearer ${emulator.apiKey}` } })
    const body = (await response.json()) as { code: number; data: unknown }
    if (response.status !== 200 || body.code !== 0) throw new Error(`${path}: HTTP ${response.status} code ${body.code}`)
    return body
  }
  await get('/v2/projects')
  const clusters: { clusterId: string }[] = []
  for (let page = 1; ; page++) {
    const data = (await get(`/v2/clusters?pageSize=${PAGE_SIZE}&currentPage=${page}`)).data as { count: number; clusters: { clusterId: string }[] }
    clusters.push(...data.clusters)
    if (data.clusters.length < PAGE_SIZE || page * PAGE_SIZE >= data.count) break
  }
  for (const cluster of clusters) await get(`/v2/clusters/${cluster.clusterId}/backups/policy`)
  let backups = 0
  for (let page = 1; ; page++) {
    const data = (await get(`/v2/backups?pageSize=${PAGE_SIZE}&currentPage=${page}`)).data as { count: number; backups: unknown[] }
    backups += data.backups.length
    if (data.backups.length < PAGE_SIZE || page * PAGE_SIZE >= data.count) break
  }
  return { requests, backups }
}

/**
 * A full `sync/run` of 200 Dedicated clusters and 10,000 backups through the whole core (real client, real SQLite)
 * against the emulator at 150 ms latency and 20 requests/s per endpoint. The floor is what the server's rate
 * limit alone allows: the most calls made to one endpoint ÷ 20 per second. Beside it, a sequential client.
 */
export const benchmark: Benchmark = {
  title: `sync: ${SEED}, ${LATENCY_MS} ms latency, ${RATE_LIMIT}/s`,
  async run(): Promise<BenchResult[]> {
    const emulator = await startEmulator({ seed: SEED, latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT })
    // The policy reads, the most calls to one endpoint, set the floor: their sends explain the cold wall time.
    const policySends = traceSends(/^\/v2\/clusters\/[^/]+\/backups\/policy$/)
    const core = createTestCore()
    try {
      // Cold: the first sync, which connection/add starts on an empty cache (no cluster known, so no policy read
      // can start before the cluster list arrives); timed from its first progress event to its end.
      const cold = { started: Number.NaN, ended: Number.NaN }
      const stopWatching = core.events.subscribe((message) => {
        if (message.name === 'sync/progressed' && Number.isNaN(cold.started)) cold.started = performance.now()
        if (message.name === 'sync/finished' && Number.isNaN(cold.ended)) cold.ended = performance.now()
      })
      const countsBeforeCold = emulator.requestCounts()
      const added = await core.invoke('connection/add', { name: 'Large', baseUrl: emulator.url, apiKey: emulator.apiKey })
      if (!added.ok) throw new Error(added.error.message)
      const coldSync = await core.invoke('sync/run', {})
      stopWatching()
      if (!coldSync.ok) throw new Error(coldSync.error.message)
      const coldCalls = Math.max(0, ...Object.values(delta(emulator.requestCounts(), countsBeforeCold)))
      const coldFloorMs = (coldCalls / RATE_LIMIT) * 1000
      const coldRatio = (cold.ended - cold.started) / coldFloorMs
      const parts = wallParts(policySends.sends.filter((at) => at >= cold.started && at <= cold.ended), cold.started, cold.ended, pacingIntervalMs(DEFAULT_LIMITS))
      const share = (ms: number): string => `${Math.round(ms)} ms (${((ms / coldFloorMs) * 100).toFixed(1)} %)`
      policySends.stop()

      const countsBefore = emulator.requestCounts()
      const limitedBefore = emulator.state().rateLimited
      const cpuBefore = cpuUsage()
      const load = os.loadavg()[0] ?? 0
      const started = performance.now()
      const synced = await core.invoke('sync/run', {})
      const wallMs = performance.now() - started
      const cpu = cpuUsage(cpuBefore)
      if (!synced.ok) throw new Error(synced.error.message)
      const calls = delta(emulator.requestCounts(), countsBefore)
      const rateLimited = emulator.state().rateLimited - limitedBefore
      const [busiest, busiestCalls] = Object.entries(calls).sort((a, b) => b[1] - a[1])[0] ?? ['none', 0]
      const floorMs = (busiestCalls / RATE_LIMIT) * 1000
      const ratio = wallMs / floorMs

      const state = emulator.state()
      const listed = state.backups.filter((b) => b.status === 'AVAILABLE' || b.status === 'CREATING').length
      const dedicated = state.clusters.filter((c) => c.kind === 'dedicated' && c.status !== 'DELETED').length
      const count = (table: string): number => (core.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
      const mirrored = count('backups') === listed && count('clusters') === state.clusters.length && count('policies') === dedicated

      const limitedBeforeSequential = emulator.state().rateLimited
      const seqStarted = performance.now()
      const sequential = await sequentialSync(emulator)
      const sequentialMs = performance.now() - seqStarted
      const sequentialLimited = emulator.state().rateLimited - limitedBeforeSequential

      const perEndpoint = Object.entries(calls).map(([k, v]) => `${k}: ${v}`).join(', ')
      return [
        { name: 'core sync wall time', value: Math.round(wallMs), unit: 'ms', notes: `${synced.value.requests} requests (${perEndpoint}); load avg ${load.toFixed(1)} on ${os.cpus().length} cores` },
        { name: 'rate-limit floor', value: Math.round(floorMs), unit: 'ms', notes: `${busiestCalls} calls to ${busiest} ÷ ${RATE_LIMIT}/s` },
        { name: 'first sync (cold cache) wall ÷ floor', figure: SYNC_FIGURE, phase: 'cold', value: coldRatio, unit: '×', target: '≤ 1.15', ok: coldRatio <= 1.15, notes: `${Math.round(cold.ended - cold.started)} ms, floor ${coldCalls} calls ÷ ${RATE_LIMIT}/s` },
        {
          name: 'first sync: sends behind the limiter\'s pace',
          value: Math.round(parts.behind),
          unit: 'ms',
          notes: `of the floor: before the first policy read ${share(parts.discovery)}, paced reads ${share(parts.pacing)}, behind the pace ${share(parts.behind)}, last answer and finish ${share(parts.tail)}`
        },
        { name: 'next sync (warm cache) wall ÷ floor', figure: SYNC_FIGURE, phase: 'warm', value: ratio, unit: '×', target: '≤ 1.15', ok: ratio <= 1.15 },
        { name: '429 answers during the sync', value: rateLimited, unit: '', target: '0', ok: rateLimited === 0 },
        { name: 'rows mirrored', value: count('backups'), unit: 'backups', target: `= ${listed} listed, all clusters and policies`, ok: mirrored, notes: `${count('clusters')} clusters, ${count('policies')} policies` },
        { name: 'core CPU time during the sync', value: Math.round((cpu.user + cpu.system) / 1000), unit: 'ms', notes: 'this process: core + emulator (both in-process)' },
        { name: 'sequential client wall time', value: Math.round(sequentialMs), unit: 'ms', notes: `${sequential.requests} requests one at a time with fetch; ${sequential.backups} backups; ${sequentialLimited} × 429` },
        { name: 'speed-up over sequential', value: sequentialMs / wallMs, unit: '×' }
      ]
    } finally {
      policySends.stop()
      await core.close()
      await emulator.close()
    }
  }
}
