import type { ClusterSummary } from '#contract/commands/cluster'
import type { Cluster, MirroredPolicy } from '#contract/models/cluster'
import { projectWindows } from '../schedule/projection.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listClusters, listMirroredPolicies, listProjects } from '../store/cache.query.ts'
import { newestBackupsByCluster } from '../store/newest-backups.query.ts'
import { fleetHealth } from './fleet-health.ts'

const DAY_MS = 24 * 3_600_000

/** Every cached cluster with what the Fleet screen shows: policy, next window, newest backup, health. */
export function clusterSummaries(db: StoreDatabase, connectionId: string, now: number): ClusterSummary[] {
  const projects = new Map(listProjects(db, { connectionId }).map((p) => [p.projectId, p.projectName]))
  const policies = new Map(listMirroredPolicies(db, { connectionId }).map((p) => [p.clusterId, p]))
  const { newestAny } = newestBackupsByCluster(db, connectionId)
  const healths = fleetHealth(db, now, connectionId)
  return listClusters(db, { connectionId }).map((cluster) => {
    const mirrored = policies.get(cluster.clusterId) ?? null
    const supportsBackup = cluster.deployment === 'Dedicated'
    const nextWindow = mirrored === null ? null : nextWindowOf(cluster, mirrored, now)
    const newest = newestAny.get(cluster.clusterId) ?? null
    const health = healths.get(cluster.clusterId)
    return {
      ...cluster,
      projectName: projects.get(cluster.projectId) ?? cluster.projectId,
      supportsBackup,
      unsupportedReason: unsupportedReason(cluster),
      policy: mirrored?.policy ?? null,
      policyReadAt: mirrored?.readAt ?? null,
      nextWindow,
      newestBackup: newest === null ? null : { backupId: newest.backupId, createTime: newest.createTime, status: newest.status, creationMethod: newest.creationMethod },
      health: health?.level ?? 'unknown',
      healthCause: health?.cause ?? 'not-read',
      healthReason: health?.reason ?? ''
    }
  })
}

function unsupportedReason(cluster: Cluster): string | null {
  switch (cluster.deployment) {
    case 'Dedicated':
      return null
    case 'Free':
      return 'Free clusters cannot be backed up. Upgrade the cluster to Dedicated to use backups.'
    case 'Serverless':
      return 'Serverless clusters cannot be backed up. Migrate the cluster to Dedicated to use backups.'
  }
}

function nextWindowOf(cluster: Cluster, mirrored: MirroredPolicy, now: number): { start: string; end: string } | null {
  if (!mirrored.policy.enabled) return null
  const [window] = projectWindows(
    [{ clusterId: cluster.clusterId, clusterName: cluster.clusterName, connectionId: cluster.connectionId, frequency: mirrored.policy.frequency, startTime: mirrored.policy.startTime, retentionDays: mirrored.policy.retentionDays }],
    now,
    now + 8 * DAY_MS
  ).filter((w) => w.startMs >= now)
  return window === undefined ? null : { start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString() }
}
