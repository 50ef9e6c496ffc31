import type { ProtectionClass } from '#contract/protection'
import { rpoCountedFrom, shownRpo } from '#contract/protection'
import type { LintFinding } from '#contract/policy-lint'
import { policySummary } from '#contract/policy-text'
import { clusterSummaries } from '../fleet/cluster-summaries.ts'
import { createClusterLinter, type LintEnvironment } from '../fleet/cluster-lint.ts'
import type { StoreDatabase } from '../store/database.ts'
import { goodBackupGaps, knownSinceTimes } from '../store/protection.query.ts'
import { policiesAt, restorablePointsAt } from '../store/report-period.query.ts'
import { toIso } from '../store/time.ts'
import { windowCountsInPeriod } from '../store/window-notices.query.ts'

type ReportScope = { connectionId: string; clusterIds?: readonly string[]; fromMs: number; toMs: number }

/**
 * One cluster of the compliance report: every value the CSV and the printable page show. Each is true for what its
 * header says: the period's figures (policy when the history knows it, achieved RPO, restorable points, newest good
 * backup, windows) at or up to the period's end, from the backup and policy histories; the figures only the present
 * knows (protection, template drift, policy advice) as of `currentAsOf`, the time the report was generated.
 */
export type ComplianceRow = {
  clusterId: string
  clusterName: string
  projectName: string
  regionId: string
  plan: string
  /**
   * The policy in words (contract/policy-text.ts), or why the cluster has none: the one in effect at the period's
   * end when the policy history knows it, else the current one; `policyAsOf` says which (ISO).
   */
  policy: string
  policyAsOf: string
  templateName: string | null
  /** Policy fields on which the remote differs from the template. */
  drift: string[]
  /** Now (at `currentAsOf`), as in the Fleet: a past period's protection level is not recorded. */
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
  /**
   * Restorable points at the period's end, from the backup history (store/report-period.query.ts); null when the
   * cluster's backups were not known by then (no time since `knownSince` up to it), as the RPO counts nothing then.
   */
  restorablePoints: number | null
  /** The newest good backup created at or before the period's end (the one ending the RPO's open gap); null: none. */
  newestGood: string | null
  missedWindows: number
  failedWindows: number
  /** Advice on the current policy, now. */
  lint: LintFinding[]
  /** When the report was generated: the time protection, template, drift and policy advice are true for (ISO). */
  currentAsOf: string
}

/**
 * The report's rows from the same sources as the Fleet (cluster summaries, protection figures, one lint module),
 * with the period's achieved RPO, newest good backup, restorable points and policy as of its end, and the ledger's
 * missed and failed windows. A fixed number of grouped queries
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
  // The period's end, not now: the newest good backup and restorable points by the backup history, the policy by the
  // policy history (the current one only where that history does not reach back to the period's end).
  const pointsAt = restorablePointsAt(db, figuresScope, scope.toMs)
  const policies = policiesAt(db, figuresScope, scope.toMs, new Map(clusters.map((c) => [c.clusterId, c.policy])))
  const periodEnd = toIso(scope.toMs)
  const currentAsOf = toIso(nowMs)
  return clusters.map((c) => {
    const since = knownSince.get(c.clusterId) ?? null
    const rpoFromMs = rpoCountedFrom(scope.fromMs, scope.toMs, since)
    const policyThen = policies.get(c.clusterId)
    const newestGoodMs = gaps.get(c.clusterId)?.newestMs ?? null
    return {
      clusterId: c.clusterId,
      clusterName: c.clusterName,
      projectName: c.projectName,
      regionId: c.regionId,
      plan: c.plan,
      policy: c.supportsBackup ? policySummary(policyThen ?? c.policy) : `No backups (${c.deployment})`,
      policyAsOf: !c.supportsBackup || policyThen !== undefined ? periodEnd : currentAsOf,
      templateName: c.template?.name ?? null,
      drift: c.template?.drift ?? [],
      protection: c.protection.class,
      achievedRpoMs: shownRpo(c.protection.class, gaps.get(c.clusterId)?.rpoMs ?? null),
      rpoFromMs,
      rpoWatchedMs: scope.toMs - rpoFromMs,
      restorablePoints: since === null || since > scope.toMs ? null : (pointsAt.get(c.clusterId) ?? 0),
      newestGood: newestGoodMs === null ? null : toIso(newestGoodMs),
      missedWindows: windows.get(c.clusterId)?.missed ?? 0,
      failedWindows: windows.get(c.clusterId)?.failed ?? 0,
      lint: c.supportsBackup ? lint(c) : [],
      currentAsOf
    }
  })
}
