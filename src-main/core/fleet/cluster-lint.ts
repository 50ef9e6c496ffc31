import type { BackupPolicy } from '#contract/models/policy'
import { lintPolicy, type LintFinding } from '#contract/policy-lint'
import type { StoreDatabase } from '../store/database.ts'
import { connectionTagLabel } from '../connections/connection-tag.ts'

/** What lint needs besides the cluster: the admin's time zone (office hours) and the rules switched off in Settings. */
export type LintEnvironment = { timeZone: string; rulesOff: readonly string[] }

type LintedCluster = { connectionId: string; regionId: string; projectName: string; policy: BackupPolicy | null }

/**
 * Policy lint of clusters as the core sees them: the one rule module (contract/policy-lint.ts) fed with the
 * cluster's connection tag and project name. A cluster without a mirrored policy has nothing to lint.
 */
export function createClusterLinter(db: StoreDatabase, env: LintEnvironment, nowMs: number): (cluster: LintedCluster) => LintFinding[] {
  const tags = new Map<string, string | null>()
  const tagOf = (connectionId: string): string | null => {
    if (!tags.has(connectionId)) tags.set(connectionId, connectionTagLabel(db, connectionId))
    return tags.get(connectionId) ?? null
  }
  return (cluster) =>
    cluster.policy === null
      ? []
      : lintPolicy({
        policy: cluster.policy,
        regionId: cluster.regionId,
        projectName: cluster.projectName,
        connectionTag: tagOf(cluster.connectionId),
        timeZone: env.timeZone,
        nowMs,
        rulesOff: env.rulesOff
      })
}
