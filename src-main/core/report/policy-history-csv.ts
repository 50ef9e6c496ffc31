import { stringify } from 'csv-stringify/sync'
import { policySummary } from '#contract/policy-text'
import type { PolicyChange } from '../store/history.repo.ts'

const POLICY_HISTORY_COLUMNS = ['at', 'cluster_id', 'cluster_name', 'source', 'template', 'before', 'after'] as const

/** The policy change history as RFC 4180 CSV with a header row, oldest first; each policy in words. */
export function policyHistoryCsv(changes: readonly PolicyChange[], clusterNames: ReadonlyMap<string, string>): string {
  return stringify(
    changes.map((c) => [
      c.at,
      c.clusterId,
      clusterNames.get(c.clusterId) ?? '',
      c.source,
      c.templateName ?? '',
      c.before === null ? '' : policySummary(c.before),
      policySummary(c.after)
    ]),
    { header: true, columns: [...POLICY_HISTORY_COLUMNS], record_delimiter: 'windows' }
  )
}
