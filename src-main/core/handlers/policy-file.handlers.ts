import { CoreError } from '#contract/errors'
import type { ConnectionService } from '../connections/connection-service.ts'
import { clusterSummaries } from '../fleet/cluster-summaries.ts'
import type { LintEnvironment } from '../fleet/cluster-lint.ts'
import type { PlanService } from '../plan/plan-service.ts'
import type { StoreDatabase } from '../store/database.ts'
import type { HandlersFor } from './types.ts'

type PolicyFileHandlerDeps = {
  db: StoreDatabase
  connections: ConnectionService
  plans: PlanService
  now: () => number
  lintEnvironment: () => LintEnvironment
}

/*
 * The policy-file modules are imported on first use: they bring the YAML library, which no other command needs, so
 * a CLI run or an app start that never touches a file does not load it (bench/cli-start.bench.ts).
 */
const exporter = () => import('../policy-files/export-policy-file.ts')
const importer = () => import('../policy-files/import-policy-file.ts')

/** Policies as files (docs/policy-files.md): export from the mirror and plan an import from it, so both answer offline. */
export function policyFileHandlers(deps: PolicyFileHandlerDeps): HandlersFor<'policy/export' | 'policy/import-plan'> {
  return {
    'policy/export': async ({ format, clusterIds, connectionId }) => {
      const id = deps.connections.resolve(connectionId)
      const summaries = clusterSummaries(deps.db, id, deps.now(), deps.lintEnvironment())
      let chosen = summaries
      if (clusterIds !== undefined) {
        const known = new Set(summaries.map((c) => c.clusterId))
        const unknown = clusterIds.find((c) => !known.has(c))
        if (unknown !== undefined) throw new CoreError('not-found', 'A listed cluster is not in this connection: sync first.', { field: 'clusterIds' })
        const wanted = new Set(clusterIds)
        chosen = summaries.filter((c) => wanted.has(c.clusterId))
      }
      const { exportableClusters, exportPolicies } = await exporter()
      const clusters = exportableClusters(chosen)
      return { ...exportPolicies(clusters, format), clusters: clusters.length }
    },
    'policy/import-plan': async ({ text, store, connectionId }) => await (await importer()).importPolicyFile(deps.plans, text, { store: store ?? true, connectionId })
  }
}
