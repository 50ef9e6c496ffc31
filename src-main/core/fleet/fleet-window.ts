import type { FleetWindow } from '#contract/commands/fleet-window'
import { fleetCounts, groupByProject } from '#contract/fleet-rules'
import { supportsBackup, type Cluster } from '#contract/models/cluster'
import { protectionClassOf } from '#contract/protection'
import type { StoreDatabase } from '../store/database.ts'
import type { LintEnvironment } from './cluster-lint.ts'
import { clusterSummaries, fleetRowOf, NO_FIGURES, readFleetFacts, type FleetFacts } from './cluster-summaries.ts'

/** A cluster as the Fleet orders it: by its project's name, then its own (contract/fleet-rules.ts `groupByProject`). */
type Placed = { cluster: Cluster; projectId: string; projectName: string; clusterName: string }

/**
 * The Fleet's first frame (`cluster/list-window`): its first `limit` rows in the Fleet's order, each as `cluster/list`
 * answers it, with every project's size and the summary's counts over the whole fleet. Health and template drift
 * are judged for every cluster (the counts need them); the protection figures, the newest backup and lint only for
 * the rows answered, so a thousand clusters answer in a few kB (bench/ui-fleet).
 */
export function fleetWindow(
  db: StoreDatabase,
  connectionId: string,
  now: number,
  lintEnv: LintEnvironment,
  window: { limit: number; locale?: string },
  facts: FleetFacts = readFleetFacts(db, connectionId, now)
): FleetWindow {
  const { clusters } = facts.rows
  const placed: Placed[] = clusters.map((cluster) => ({
    cluster,
    projectId: cluster.projectId,
    projectName: facts.projectNames.get(cluster.projectId) ?? cluster.projectId,
    clusterName: cluster.clusterName
  }))
  const groups = groupByProject(placed, facts.projects, window.locale)
  const first = groups.flatMap((g) => g.clusters).slice(0, window.limit).map((p) => p.cluster)
  // All of them when the window holds the whole fleet: then `cluster/list`'s own path computes the rows.
  const answered = first.length === clusters.length ? clusters : first
  const order = new Map(first.map((c, index) => [c.clusterId, index]))
  const rows = clusterSummaries(db, connectionId, now, lintEnv, facts, answered)
    .sort((a, b) => (order.get(a.clusterId) ?? 0) - (order.get(b.clusterId) ?? 0))
    .map(fleetRowOf)
  const counts = fleetCounts(
    clusters.map((cluster) => {
      const health = facts.levels.get(cluster.clusterId)
      return {
        supportsBackup: supportsBackup(cluster.deployment),
        policy: facts.rows.policies.get(cluster.clusterId)?.policy ?? null,
        template: facts.templates.get(cluster.clusterId) ?? null,
        // As the row's figures have it (cluster-summaries.ts, protection-figures.ts).
        protection: { class: health === undefined ? NO_FIGURES.class : protectionClassOf(health.level, health.cause) }
      }
    })
  )
  const projects = groups.map((g) => ({ projectId: g.projectId, projectName: g.projectName, plan: g.plan, clusterCount: g.clusters.length }))
  return { rows, total: clusters.length, projects, counts }
}
