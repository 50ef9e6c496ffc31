import type { FleetRow } from '#contract/commands/cluster'
import type { Project } from '#contract/models/cluster'
import type { ProtectionClass } from '#contract/protection'

export type ProjectGroup = { projectId: string; projectName: string; plan: string | null; clusters: FleetRow[] }

/** Clusters grouped by project, projects and clusters by name; projects without clusters are kept (they say so). */
export function groupByProject(clusters: readonly FleetRow[], projects: readonly Project[]): ProjectGroup[] {
  const groups = new Map<string, ProjectGroup>()
  for (const project of projects) {
    groups.set(project.projectId, { projectId: project.projectId, projectName: project.projectName, plan: project.plan, clusters: [] })
  }
  for (const cluster of clusters) {
    let group = groups.get(cluster.projectId)
    if (group === undefined) {
      group = { projectId: cluster.projectId, projectName: cluster.projectName, plan: null, clusters: [] }
      groups.set(cluster.projectId, group)
    }
    group.clusters.push(cluster)
  }
  // One collator for the whole sort: `localeCompare` with options builds one per call, slow for a thousand names.
  const byName = new Intl.Collator(undefined, { sensitivity: 'base' }).compare
  for (const group of groups.values()) group.clusters.sort((a, b) => byName(a.clusterName, b.clusterName))
  return [...groups.values()].sort((a, b) => byName(a.projectName, b.projectName))
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

export function isDrifted(cluster: Pick<FleetRow, 'template'>): boolean {
  return cluster.template !== null && cluster.template.drift.length > 0
}

/** A cluster that could be backed up but has no automatic backups: no policy read, or one switched off. */
export function hasNoPolicy(cluster: Pick<FleetRow, 'supportsBackup' | 'policy'>): boolean {
  return cluster.supportsBackup && (cluster.policy === null || !cluster.policy.enabled)
}

export function matchesFilter(cluster: FleetRow, filter: FleetFilter): boolean {
  if (filter === 'drifted') return isDrifted(cluster)
  if (filter === 'no-policy') return hasNoPolicy(cluster)
  return cluster.protection.class === filter
}
