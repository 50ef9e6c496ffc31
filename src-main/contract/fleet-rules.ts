/*
 * The Fleet's order and the parts of its summary, free of zod: the renderer groups and counts its rows with them
 * (src-renderer/lib/policy/fleet.ts), and the core answers the Fleet's first rows (`cluster/list-window`) with the
 * same order and counts, so the first frame and the settled list agree.
 */
import { PROTECTION_CLASSES, type ProtectionClass } from './protection.ts'

/** Projects by name, and the clusters of a project by name: case and accents aside, in the page's locale. */
export function fleetNameOrder(locale: string | undefined): (a: string, b: string) => number {
  // One collator for the whole sort: `localeCompare` with options builds one per call, slow for a thousand names.
  return new Intl.Collator(locale, { sensitivity: 'base' }).compare
}

type TemplateDrift = { template: { drift: readonly unknown[] } | null }
type PolicyFacts = { supportsBackup: boolean; policy: { enabled: boolean } | null }

export function isDrifted(cluster: TemplateDrift): boolean {
  return cluster.template !== null && cluster.template.drift.length > 0
}

/** A cluster that could be backed up but has no automatic backups: no policy read, or one switched off. */
export function hasNoPolicy(cluster: PolicyFacts): boolean {
  return cluster.supportsBackup && (cluster.policy === null || !cluster.policy.enabled)
}

/** The Fleet summary's parts ("38 protected · 3 at risk … | 4 drifted · 2 without a policy"), each a filter. */
export type FleetCounts = { protection: Record<ProtectionClass, number>; drifted: number; noPolicy: number }

export function fleetCounts(clusters: Iterable<TemplateDrift & PolicyFacts & { protection: { class: ProtectionClass } }>): FleetCounts {
  const protection = Object.fromEntries(PROTECTION_CLASSES.map((c) => [c, 0])) as Record<ProtectionClass, number>
  let drifted = 0
  let noPolicy = 0
  for (const cluster of clusters) {
    protection[cluster.protection.class]++
    if (isDrifted(cluster)) drifted++
    if (hasNoPolicy(cluster)) noPolicy++
  }
  return { protection, drifted, noPolicy }
}

type GroupedCluster = { projectId: string; projectName: string; clusterName: string }
type GroupedProject = { projectId: string; projectName: string; plan: string | null }

/** One project's section of the Fleet and its clusters in order. */
export type ProjectGroup<C> = { projectId: string; projectName: string; plan: string | null; clusters: C[] }

/**
 * Clusters grouped by project, projects and clusters by name (`fleetNameOrder`); projects without clusters are kept
 * (they say so). The Fleet's one order: the renderer draws it, the core answers the first rows in it.
 */
export function groupByProject<C extends GroupedCluster>(clusters: readonly C[], projects: readonly GroupedProject[], locale?: string): ProjectGroup<C>[] {
  const groups = new Map<string, ProjectGroup<C>>()
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
  const byName = fleetNameOrder(locale)
  for (const group of groups.values()) group.clusters.sort((a, b) => byName(a.clusterName, b.clusterName))
  return [...groups.values()].sort((a, b) => byName(a.projectName, b.projectName))
}
