import type { FleetRow } from '#contract/commands/cluster'
import type { Project } from '#contract/models/cluster'
import type { ProtectionClass } from '#contract/protection'
import type { FleetWindow } from '#contract/commands/fleet-window'
import { groupByProject as groupInOrder, hasNoPolicy, isDrifted, type FleetCounts, type ProjectGroup as FleetGroup } from '#contract/fleet-rules'

import { pageLocale } from '../state/fleet-window-request.ts'

export { hasNoPolicy, isDrifted }

/**
 * One project's section of the Fleet: `size` is how many clusters it has, `clusters` those the page has (all, once the
 * whole list is in; while only the first rows are, fewer: each section is still drawn at its full height).
 */
export type ProjectGroup = FleetGroup<FleetRow> & { size: number }

/** Clusters grouped by project in the Fleet's order (contract/fleet-rules.ts), in the page's locale. */
export function groupByProject(clusters: readonly FleetRow[], projects: readonly Project[]): ProjectGroup[] {
  return groupInOrder(clusters, projects, pageLocale()).map((g) => ({ ...g, size: g.clusters.length }))
}

/** The sections of the Fleet's first rows (`cluster/list-window`), each at its full size. */
export function groupsOfWindow(window: FleetWindow): ProjectGroup[] {
  const rows = new Map<string, FleetRow[]>()
  for (const row of window.rows) {
    const ofProject = rows.get(row.projectId)
    if (ofProject === undefined) rows.set(row.projectId, [row])
    else ofProject.push(row)
  }
  return window.projects.map((p) => ({ projectId: p.projectId, projectName: p.projectName, plan: p.plan, clusters: rows.get(p.projectId) ?? [], size: p.clusterCount }))
}

/** Why a cluster has no backups, in the words of the docs (Dedicated only). Null when it can be backed up. */
export function unsupportedText(cluster: Pick<FleetRow, 'deployment' | 'supportsBackup'>): string | null {
  if (cluster.deployment === 'Free') return "Free clusters can't be backed up — upgrade to Dedicated"
  if (cluster.deployment === 'Serverless') return "Serverless clusters can't be backed up — migrate to Dedicated"
  if (!cluster.supportsBackup) return "This cluster can't be backed up"
  return null
}

type HealthTone = 'ok' | 'warning' | 'critical' | 'neutral'

/** The health as a word and a badge tone: the word carries the meaning, the colour only repeats it. */
export function healthLabel(health: FleetRow['health']): { label: string; tone: HealthTone } {
  switch (health) {
    case 'ok':
      return { label: 'OK', tone: 'ok' }
    case 'pending':
      return { label: 'Pending', tone: 'neutral' }
    case 'warning':
      return { label: 'Warning', tone: 'warning' }
    case 'failing':
      return { label: 'Failing', tone: 'critical' }
    case 'unknown':
      return { label: 'Unknown', tone: 'neutral' }
  }
}

/** What the Fleet list can be narrowed to: a protection class, the drifted clusters, or those without a policy. */
export type FleetFilter = ProtectionClass | 'drifted' | 'no-policy'

/** How many clusters of the whole fleet a filter shows (all with none), from the summary's counts. */
export function countOf(counts: FleetCounts, filter: FleetFilter | null): number {
  if (filter === null) return Object.values(counts.protection).reduce((sum, n) => sum + n, 0)
  if (filter === 'drifted') return counts.drifted
  if (filter === 'no-policy') return counts.noPolicy
  return counts.protection[filter]
}

export function matchesFilter(cluster: FleetRow, filter: FleetFilter): boolean {
  if (filter === 'drifted') return isDrifted(cluster)
  if (filter === 'no-policy') return hasNoPolicy(cluster)
  return cluster.protection.class === filter
}
