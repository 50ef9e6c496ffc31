import type { ClusterSummary } from '#contract/commands/cluster'
import type { Cluster, MirroredPolicy } from '#contract/models/cluster'
import { longestGap } from '#contract/policy-rules'
import { projectWindows } from '../schedule/projection.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listClusters, listMirroredPolicies, listProjects } from '../store/cache.query.ts'
import { newestBackupsByCluster, type NewestBackup } from '../store/newest-backups.query.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** Every cached cluster with what the Fleet screen shows: policy, next window, newest backup, health. */
export function clusterSummaries(db: StoreDatabase, connectionId: string, now: number): ClusterSummary[] {
  const projects = new Map(listProjects(db, { connectionId }).map((p) => [p.projectId, p.projectName]))
  const policies = new Map(listMirroredPolicies(db, { connectionId }).map((p) => [p.clusterId, p]))
  const { newestGood, newestAny } = newestBackupsByCluster(db, connectionId)
  return listClusters(db, { connectionId }).map((cluster) => {
    const mirrored = policies.get(cluster.clusterId) ?? null
    const supportsBackup = cluster.deployment === 'Dedicated'
    const nextWindow = mirrored === null ? null : nextWindowOf(cluster, mirrored, now)
    const newest = newestAny.get(cluster.clusterId) ?? null
    const health = healthOf(cluster, mirrored, newestGood.get(cluster.clusterId) ?? null, newest, now)
    return {
      ...cluster,
      projectName: projects.get(cluster.projectId) ?? cluster.projectId,
      supportsBackup,
      unsupportedReason: unsupportedReason(cluster),
      policy: mirrored?.policy ?? null,
      policyReadAt: mirrored?.readAt ?? null,
      nextWindow,
      newestBackup: newest === null ? null : { backupId: newest.backupId, createTime: newest.createTime, status: newest.status, creationMethod: newest.creationMethod },
      health: health.level,
      healthReason: health.reason
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

/**
 * ok: the newest good backup is as recent as the policy promises; warning: no policy, or a backup is
 * stuck; failing: no good backup within the longest gap the policy allows (plus a day of slack).
 */
function healthOf(
  cluster: Cluster,
  mirrored: MirroredPolicy | null,
  newestGood: NewestBackup | null,
  newestAny: NewestBackup | null,
  now: number
): { level: ClusterSummary['health']; reason: string } {
  if (cluster.deployment !== 'Dedicated') return { level: 'unknown', reason: 'Backups are not available for this plan.' }
  if (mirrored === null) return { level: 'unknown', reason: 'The backup policy has not been read yet.' }
  if (newestAny !== null && newestAny.status === 'CREATING' && now - Date.parse(newestAny.createTime) > 6 * HOUR_MS) {
    return { level: 'warning', reason: `A backup has been in progress for ${formatAge(now - Date.parse(newestAny.createTime))}.` }
  }
  const goodAgeMs = newestGood === null ? null : now - Date.parse(newestGood.createTime)
  if (!mirrored.policy.enabled) {
    return { level: 'warning', reason: newestGood === null ? 'Automatic backups are off and there is no backup.' : `Automatic backups are off. Newest backup ${formatAge(goodAgeMs ?? 0)} old.` }
  }
  const allowedGapMs = ((longestGap(mirrored.policy.frequency)?.days ?? 7) + 1) * DAY_MS
  if (goodAgeMs === null) return { level: 'failing', reason: 'No restorable backup yet.' }
  if (goodAgeMs > allowedGapMs) return { level: 'failing', reason: `No good backup for ${formatAge(goodAgeMs)}.` }
  return { level: 'ok', reason: `Newest good backup ${formatAge(goodAgeMs)} old.` }
}

function formatAge(ms: number): string {
  const hours = Math.floor(ms / HOUR_MS)
  if (hours < 1) return 'less than an hour'
  if (hours < 48) return `${hours} h`
  return `${Math.floor(hours / 24)} days`
}
