import { stringify } from 'csv-stringify/sync'
import type { ComplianceRow } from './compliance-rows.ts'

/**
 * The CSV columns, in order: the header row names them (snake_case, stable for scripts; new ones only ever added at
 * the end). The period's figures are at or up to its end: policy (as of `policy_as_of`), achieved_rpo_minutes,
 * restorable_points and newest_good_backup at the period's end, the windows within it. Protection, template, drift
 * and lint are the current state, as of `protection_template_drift_lint_as_of` (when the report was generated).
 */
const COMPLIANCE_COLUMNS = [
  'cluster_id', 'cluster_name', 'project', 'region', 'plan', 'policy', 'template', 'drift', 'protection',
  'achieved_rpo_minutes', 'rpo_counted_from', 'restorable_points', 'newest_good_backup', 'missed_windows', 'failed_windows', 'lint',
  'policy_as_of', 'protection_template_drift_lint_as_of'
] as const

/** RFC 4180 (CRLF, quotes doubled), UTF-8, a header row, one row per cluster. Empty cell = none/unknown. */
export function complianceCsv(rows: readonly ComplianceRow[]): string {
  return stringify(
    rows.map((r) => [
      r.clusterId,
      r.clusterName,
      r.projectName,
      r.regionId,
      r.plan,
      r.policy,
      r.templateName ?? '',
      r.drift.join('; '),
      r.protection,
      r.achievedRpoMs === null ? '' : String(Math.floor(r.achievedRpoMs / 60_000)),
      // The RPO counts only time since the cluster's backups are known: later than the period's start while shorter.
      new Date(r.rpoFromMs).toISOString(),
      r.restorablePoints === null ? '' : String(r.restorablePoints),
      r.newestGood ?? '',
      String(r.missedWindows),
      String(r.failedWindows),
      r.lint.map((f) => `${f.severity}: ${f.ruleId}`).join('; '),
      r.policyAsOf,
      r.currentAsOf
    ]),
    { header: true, columns: [...COMPLIANCE_COLUMNS], record_delimiter: 'windows' }
  )
}
