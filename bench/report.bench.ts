import type { Backup } from '#contract/models/backup'
import { recordClusterWatch } from '#core/store/cluster-watch.repo'
import { recordObservedBackups } from '#core/store/observed-backups.repo'
import { replaceBackups } from '#core/store/mirror.repo'
import { createTestCore } from '../test/fakes/test-core.ts'
import { seedCache } from './fleet-plan.bench.ts'
import { median, timeRuns, type Benchmark, type BenchResult } from './lib.ts'

const PER_CLUSTER = 100
const DAY = 86_400_000
const TARGET_MS = 500
const WARM_RUNS = 5
const CSV_FIGURE = 'compliance report CSV, 1,000 clusters × 100,000 observed backups (`report`)'

/**
 * report/compliance over 1,000 clusters and 100,000 observed backups (issue 16 item 8, ≤ 500 ms), through the
 * dispatcher as the GUI and the CLI call it: the first call in a fresh core (cold), then the median of warm ones.
 */
async function complianceReport(): Promise<BenchResult[]> {
  const core = createTestCore()
  try {
    const clusterIds = seedCache(core)
    const connectionId = 'bench-plan'
    const now = Date.now()
    const backups: Backup[] = clusterIds.flatMap((clusterId, c) =>
      Array.from({ length: PER_CLUSTER }, (_, k) => {
        const created = now - k * DAY - (c % 24) * 3_600_000
        return {
          backupId: `backup-${String(c)}-${String(k)}`, backupName: `cluster-${String(c)}_backup${String(k)}`, clusterId,
          clusterName: `cluster-${String(c)}`, projectId: 'proj-1', connectionId, backupType: 'CLUSTER', creationMethod: 'AUTO',
          status: 'AVAILABLE', size: 1_000_000 * (k + 1), createTime: new Date(created).toISOString(), expireTime: new Date(created + 120 * DAY).toISOString()
        } satisfies Backup
      })
    )
    replaceBackups(core.db, connectionId, backups)
    recordObservedBackups(core.db, connectionId, now)
    // As a sync does: every listed AUTO backup is kept 120 days, so each cluster counts from its oldest (the whole period).
    recordClusterWatch(core.db, connectionId, now)
    const [from, to] = [new Date(now - 90 * DAY).toISOString(), new Date(now).toISOString()]
    const once = async (format: 'csv' | 'html'): Promise<void> => {
      const report = await core.invoke('report/compliance', { from, to, format, connectionId })
      if (!report.ok) throw new Error(report.error.message)
      if (format === 'csv' && report.value.content.split('\r\n').length !== clusterIds.length + 2) throw new Error('the CSV does not hold one row per cluster')
    }
    const coldStart = performance.now()
    await once('csv')
    const coldMs = performance.now() - coldStart
    const csvMs = median(await timeRuns(() => once('csv'), WARM_RUNS, 1))
    const htmlMs = median(await timeRuns(() => once('html'), WARM_RUNS, 1))
    const notes = `${String(clusterIds.length)} clusters, ${String(backups.length)} observed backups, 90-day period`
    return [
      { name: 'compliance CSV: first call (cold)', figure: CSV_FIGURE, phase: 'cold', value: Math.round(coldMs), unit: 'ms', target: `≤ ${String(TARGET_MS)}`, ok: coldMs <= TARGET_MS, notes },
      { name: 'compliance CSV: warm median', figure: CSV_FIGURE, phase: 'warm', value: Math.round(csvMs), unit: 'ms', target: `≤ ${String(TARGET_MS)}`, ok: csvMs <= TARGET_MS, notes: `median of ${String(WARM_RUNS)}` },
      { name: 'compliance HTML: warm median', value: Math.round(htmlMs), unit: 'ms', target: `≤ ${String(TARGET_MS)}`, ok: htmlMs <= TARGET_MS, notes: `median of ${String(WARM_RUNS)}` }
    ]
  } finally {
    await core.close()
  }
}

export const benchmark: Benchmark = {
  title: 'compliance report',
  run: complianceReport
}
