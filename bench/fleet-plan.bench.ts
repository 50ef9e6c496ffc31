import os from 'node:os'
import type { Cluster } from '#contract/models/cluster'
import type { BackupPolicy } from '#contract/models/policy'
import { startEmulator } from '#emulator/index'
import { addConnection } from '#core/store/connections.repo'
import { replaceClusters, replacePolicies, replaceProjects } from '#core/store/mirror.repo'
import { createTestCore } from '../test/fakes/test-core.ts'
import { median, type Benchmark, type BenchResult } from './lib.ts'

const SEED = 'large:200:50'
const LATENCY_MS = 150
const RATE_LIMIT = 20
const PLAN_CLUSTERS = 1000
const PLAN_RUNS = 20
const TEMPLATE: BackupPolicy = { enabled: true, frequency: '1,3,5,7', startTime: '03:00-05:00', retentionDays: 21 }

type Counts = Record<string, number>
const grown = (after: Counts, before: Counts, key: string): number => (after[key] ?? 0) - (before[key] ?? 0)

/**
 * Applying one template to 200 clusters through the whole core (plan/apply → draft outbox → real client → emulator at
 * 150 ms latency, 20 requests/s per endpoint). The floor is what the API's limits allow for the requests that are
 * necessary: one policy GET and one policy POST per cluster, on separate endpoint budgets, so 200 ÷ 20/s = 10 s.
 */
async function applyTemplate(): Promise<BenchResult[]> {
  const emulator = await startEmulator({ seed: SEED, latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT })
  const core = createTestCore()
  try {
    const added = await core.invoke('connection/add', { name: 'Large', baseUrl: emulator.url, apiKey: emulator.apiKey })
    if (!added.ok) throw new Error(added.error.message)
    const synced = await core.invoke('sync/run', {})
    if (!synced.ok) throw new Error(synced.error.message)
    const clusters = await core.invoke('cluster/list', {})
    if (!clusters.ok) throw new Error(clusters.error.message)
    const template = await core.invoke('template/save', { name: 'bench-template', policy: TEMPLATE })
    if (!template.ok) throw new Error(template.error.message)
    const plan = await core.invoke('template/assign', { templateId: template.value.id, clusterIds: clusters.value.map((c) => c.clusterId) })
    if (!plan.ok) throw new Error(plan.error.message)
    const changes = plan.value.items.filter((i) => i.verdict === 'change').length
    // The sync just spent the policy GET budget: start the apply in a fresh rate window, as an admin would.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    const before = emulator.requestCounts()
    const limitedBefore = emulator.state().rateLimited
    const load = os.loadavg()[0] ?? 0
    const started = performance.now()
    const applied = await core.invoke('plan/apply', { planId: plan.value.id, mode: 'now' })
    const wallMs = performance.now() - started
    if (!applied.ok) throw new Error(applied.error.message)
    const after = emulator.requestCounts()
    const gets = grown(after, before, 'GET /v2/clusters/{clusterId}/backups/policy')
    const posts = grown(after, before, 'POST /v2/clusters/{clusterId}/backups/policy')
    const limited = emulator.state().rateLimited - limitedBefore
    const ok = applied.value.filter((r) => r.state === 'applied').length
    const floorMs = (Math.max(gets, posts) / RATE_LIMIT) * 1000
    const ratio = wallMs / floorMs
    return [
      { name: 'apply template: wall time', value: Math.round(wallMs), unit: 'ms', notes: `${changes} changes planned, ${ok} applied; ${gets} policy GETs, ${posts} POSTs; load avg ${load.toFixed(1)} on ${os.cpus().length} cores` },
      { name: 'apply template: floor', value: Math.round(floorMs), unit: 'ms', notes: `max(GETs, POSTs) ÷ ${RATE_LIMIT}/s (separate endpoint budgets)` },
      { name: 'apply template: wall ÷ floor', value: ratio, unit: '×', target: '≤ 1.15', ok: ratio <= 1.15 && ok === changes },
      { name: 'apply template: 429 answers', value: limited, unit: '', target: '0', ok: limited === 0 },
      { name: 'apply template: requests per cluster', value: (gets + posts) / Math.max(1, ok), unit: '', target: '2 (one GET, one POST)', ok: gets === ok && posts === ok }
    ]
  } finally {
    await core.close()
    await emulator.close()
  }
}

/** A cache of 1,000 Dedicated clusters with policies, written straight to SQLite (a sync of that size takes minutes). */
export function seedCache(core: ReturnType<typeof createTestCore>): string[] {
  const connectionId = 'bench-plan'
  addConnection(core.db, { id: connectionId, name: 'Bench', baseUrl: 'https://bench.test' })
  replaceProjects(core.db, connectionId, [{ projectId: 'proj-1', projectName: 'Production', plan: 'Enterprise', connectionId }])
  const clusters: Cluster[] = Array.from({ length: PLAN_CLUSTERS }, (_, i) => ({
    clusterId: `in01-${String(i).padStart(5, '0')}`, clusterName: `cluster-${i}`, projectId: 'proj-1', connectionId,
    regionId: 'aws-us-west-2', plan: 'Enterprise', deployment: 'Dedicated', cuType: 'Performance-optimized', cuSize: 1,
    status: 'RUNNING', createTime: null
  }))
  replaceClusters(core.db, connectionId, clusters)
  const readAt = new Date().toISOString()
  replacePolicies(core.db, connectionId, clusters.map((c, i) => ({
    clusterId: c.clusterId, readAt, policy: { enabled: i % 3 !== 0, frequency: '1,2,3,4,5', startTime: '02:00-04:00', retentionDays: 7 + (i % 20) }
  })))
  return clusters.map((c) => c.clusterId)
}

/** plan/create for 1,000 clusters through the dispatcher: the first call in a fresh core (cold), then the median. */
async function planThousand(): Promise<BenchResult[]> {
  const core = createTestCore()
  try {
    const clusterIds = seedCache(core)
    const template = await core.invoke('template/save', { name: 'bench-template', policy: TEMPLATE })
    if (!template.ok) throw new Error(template.error.message)
    const once = async (): Promise<number> => {
      const started = performance.now()
      const plan = await core.invoke('plan/create', { clusterIds, change: { kind: 'template', templateId: template.value.id } })
      const ms = performance.now() - started
      if (!plan.ok || plan.value.items.length !== PLAN_CLUSTERS) throw new Error('plan/create failed')
      return ms
    }
    const coldMs = await once()
    const warm: number[] = []
    for (let i = 0; i < PLAN_RUNS; i++) warm.push(await once())
    const warmMedian = median(warm)
    return [
      { name: `plan ${PLAN_CLUSTERS} clusters: cold (first call)`, value: coldMs, unit: 'ms', notes: 'fresh core and database; includes storing the plan' },
      { name: `plan ${PLAN_CLUSTERS} clusters: median of ${PLAN_RUNS}`, value: warmMedian, unit: 'ms', target: '≤ 100', ok: warmMedian <= 100 }
    ]
  } finally {
    await core.close()
  }
}

export const benchmark: Benchmark = {
  title: `fleet plans: template to ${SEED}, ${LATENCY_MS} ms latency, ${RATE_LIMIT}/s; plan ${PLAN_CLUSTERS}`,
  async run(): Promise<BenchResult[]> {
    return [...(await planThousand()), ...(await applyTemplate())]
  }
}
