import type { ClusterSummary } from '#contract/commands/cluster'
import { worstHealth } from '#contract/health'
import { policySummary } from '#contract/policy-text'
import { formatLocalAndUtc } from '#contract/time'
import { table } from './table.ts'

export const STATUS_HEADER = ['Cluster', 'Project', 'Policy', 'Next window (local)', 'Next window (UTC)', 'Newest backup', 'Health'] as const

/**
 * The status table: with more than one connection in scope each row starts with its organization (the connection's
 * name), since two organizations may use the same cluster names; with one, the columns stay as they were.
 */
export function statusTable(clusters: readonly ClusterSummary[], connectionNames: ReadonlyMap<string, string>, timeZone: string): string {
  if (connectionNames.size <= 1) return table(STATUS_HEADER, clusters.map((c) => statusRow(c, timeZone)))
  return table(
    ['Organization', ...STATUS_HEADER],
    clusters.map((c) => [connectionNames.get(c.connectionId) ?? c.connectionId, ...statusRow(c, timeZone)])
  )
}

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
