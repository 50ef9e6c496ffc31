import type { ProtectionClass } from '#contract/protection'
import { rpoCountedFrom, shownRpo } from '#contract/protection'
import type { LintFinding } from '#contract/policy-lint'
import { policySummary } from '#contract/policy-text'
import { clusterSummaries } from '../fleet/cluster-summaries.ts'
import { createClusterLinter, type LintEnvironment } from '../fleet/cluster-lint.ts'
import type { StoreDatabase } from '../store/database.ts'
import { goodBackupGaps, knownSinceTimes } from '../store/protection.query.ts'
import { windowCountsInPeriod } from '../store/window-notices.query.ts'

type ReportScope = { connectionId: string; clusterIds?: readonly string[]; fromMs: number; toMs: number }

/** One cluster of the compliance report: every value the CSV and the printable page show. */
export type ComplianceRow = {
  clusterId: string
  clusterName: string
  projectName: string
  regionId: string
  plan: string
  /** The policy in words (contract/policy-text.ts), or why the cluster has none. */
  policy: string
  templateName: string | null
  /** Policy fields on which the remote differs from the template. */
  drift: string[]
  protection: ProtectionClass
  /**
   * The period's achieved RPO, in ms: the worst gap between good backups within it, the open one up to the period's
   * end included, counting only time since the cluster's backups are known (contract/protection.ts `achievedRpo`);
   * null when nothing was counted, or for a cluster that cannot be backed up (not eligible, as in the Fleet).
   */
  achievedRpoMs: number | null
  /** Start and length of the time the RPO counted: the period, or its part since the cluster is known. */
  rpoFromMs: number
  rpoWatchedMs: number
  restorablePoints: number
  newestGood: string | null
  missedWindows: number
  failedWindows: number
  lint: LintFinding[]
}

/**
 * The report's rows from the same sources as the Fleet (cluster summaries, protection figures, one lint module),
 * with the period's achieved RPO and the ledger's missed and failed windows. A fixed number of grouped queries
 * whatever the fleet's size (bench/report.bench.ts).
 */
export function complianceRows(db: StoreDatabase, scope: ReportScope, nowMs: number, lintEnv: LintEnvironment): ComplianceRow[] {
  const only = scope.clusterIds === undefined ? null : new Set(scope.clusterIds)
  const clusters = clusterSummaries(db, scope.connectionId, nowMs, lintEnv).filter((c) => only === null || only.has(c.clusterId))
  const figuresScope = { connectionId: scope.connectionId, ...(scope.clusterIds === undefined ? {} : { clusterIds: scope.clusterIds }) }
  // The period's RPO by the same query as the Fleet's 30 days (store/protection.query.ts `goodBackupGaps`).
  const gaps = goodBackupGaps(db, figuresScope, scope.fromMs, scope.toMs)
  const knownSince = knownSinceTimes(db, figuresScope)
  const windows = windowCountsInPeriod(db, { ...figuresScope, fromMs: scope.fromMs, toMs: scope.toMs })
  const lint = createClusterLinter(db, lintEnv, nowMs)
  return clusters.map((c) => {
    const rpoFromMs = rpoCountedFrom(scope.fromMs, scope.toMs, knownSince.get(c.clusterId) ?? null)
    return {
      clusterId: c.clusterId,
      clusterName: c.clusterName,
      projectName: c.projectName,
      regionId: c.regionId,
      plan: c.plan,
      policy: c.supportsBackup ? policySummary(c.policy) : `No backups (${c.deployment})`,
      templateName: c.template?.name ?? null,
      drift: c.template?.drift ?? [],
      protection: c.protection.class,
      achievedRpoMs: shownRpo(c.protection.class, gaps.get(c.clusterId)?.rpoMs ?? null),
      rpoFromMs,
      rpoWatchedMs: scope.toMs - rpoFromMs,
      restorablePoints: c.protection.restorablePoints,
      newestGood: c.protection.newestGood,
      missedWindows: windows.get(c.clusterId)?.missed ?? 0,
      failedWindows: windows.get(c.clusterId)?.failed ?? 0,
      lint: c.supportsBackup ? lint(c) : []
    }
  })
}
