import type { ClusterSummary } from '#contract/commands/cluster'
import { worstHealth } from '#contract/health'
import { policySummary } from '#contract/policy-text'
import { formatLocalAndUtc } from '#contract/time'

export const STATUS_HEADER = ['Cluster', 'Project', 'Policy', 'Next window (local)', 'Next window (UTC)', 'Newest backup', 'Health'] as const

/** One status line per cluster, in the words the app uses (policy text and health come from the core). */
export function statusRow(c: ClusterSummary, timeZone: string): string[] {
  const next = c.nextWindow === null ? null : formatLocalAndUtc(c.nextWindow.start, timeZone)
  const policy = c.supportsBackup ? policySummary(c.policy) : `Not available (${c.deployment})`
  return [
    c.clusterName,
    c.projectName,
    policy,
    next === null ? '—' : `${next.local} (${next.offset})`,
    next === null ? '—' : next.utc,
    newestText(c.newestBackup),
    // As the Fleet says it of a Free or Serverless cluster (its level is `unknown` in --json, for scripts).
    c.supportsBackup ? c.health : 'not applicable'
  ]
}

function newestText(newest: ClusterSummary['newestBackup']): string {
  if (newest === null) return 'none'
  const when = newest.createTime.slice(0, 16).replace('T', ' ') + ' UTC'
  return newest.status === 'AVAILABLE' ? when : `${when} (${newest.status.toLowerCase()})`
}

/** Clusters at or above a health level, for `check --fail-on` (ranked by the contract's one order of levels). */
export function atOrAbove(clusters: readonly ClusterSummary[], level: 'warning' | 'failing'): ClusterSummary[] {
  return clusters.filter((c) => worstHealth([c.health, level]) === c.health)
}
