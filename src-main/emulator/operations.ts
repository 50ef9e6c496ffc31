/** State changes behind the API and the control surface; inputs arrive already validated. */
import { apiError } from './errors.ts'
import { ids } from './ids.ts'
import type { ClusterKind } from './ids.ts'
import { autoRequest, hideBackup, runningBackups, scheduleNextTick, startBackup, startJob } from './lifecycle.ts'
import type { JobOutcome } from './lifecycle.ts'
import type { Backup, BackupType, Cluster, CrossRegionCopy, DbCollections, Job, Plan, Policy } from './model.ts'
import type { World } from './world.ts'

export type PolicyInput = {
  enabled: boolean
  frequency: string
  startTime: string
  retentionDays: number
  crossRegionCopies: CrossRegionCopy[]
}

export function setPolicy(world: World, cluster: Cluster, input: PolicyInput, at: number): Policy {
  const previous = world.policies.get(cluster.clusterId)
  const policy: Policy = input.enabled
    ? { clusterId: cluster.clusterId, ...input, version: (previous?.version ?? 0) + 1 }
    : { clusterId: cluster.clusterId, enabled: false, frequency: '', startTime: '', retentionDays: 0, crossRegionCopies: [], version: (previous?.version ?? 0) + 1 }
  world.policies.set(cluster.clusterId, policy)
  if (policy.enabled) {
    // "Once automatic backup is enabled, Zilliz Cloud generates an initial backup immediately"
    // (docs/zilliz-api-notes.md#set-policy): on enabling, not on each change of a policy that was on already, and not
    // while one is running.
    const isEnabling = previous?.enabled !== true
    if (isEnabling && runningBackups(world, cluster.clusterId, 'AUTO').length === 0) startBackup(world, cluster, autoRequest(policy), at)
    scheduleNextTick(world, policy, at)
  }
  return policy
}

export function createManualBackup(
  world: World,
  cluster: Cluster,
  request: { type: BackupType; dbCollections: DbCollections[]; outcome?: JobOutcome },
  at: number
): { backup: Backup; job: Job } {
  if (cluster.status !== 'RUNNING') throw apiError(96038, 'The cluster is not RUNNING.')
  if (runningBackups(world, cluster.clusterId, 'MANUAL').length > 0) {
    throw apiError(96038, 'Another manual backup of this cluster is in progress.')
  }
  if (runningBackups(world, cluster.clusterId, 'AUTO').length > 0) {
    throw apiError(96038, 'An automatic backup of this cluster is in progress.')
  }
  return startBackup(world, cluster, { method: 'MANUAL', ...request }, at)
}

export function deleteBackup(world: World, backup: Backup, at: number): void {
  if (backup.status === 'CREATING') throw apiError(96042, 'A backup cannot be deleted while it is CREATING.')
  hideBackup(world, backup, at)
}

export type NewCluster = {
  projectId: string
  clusterName: string
  kind?: ClusterKind
  regionId?: string
  plan?: Plan
  cuType?: string
  cuSize?: number
  description?: string
  collections?: string[]
}

const DEFAULT_COLLECTIONS = ['medium_articles', 'products', 'user_profiles']

export function createCluster(world: World, input: NewCluster, at: number, status: Cluster['status'] = 'RUNNING'): Cluster {
  const kind = input.kind ?? 'dedicated'
  const isDedicated = kind === 'dedicated'
  const cluster: Cluster = {
    clusterId: ids.cluster(world.random, kind),
    clusterName: input.clusterName,
    projectId: input.projectId,
    description: input.description ?? '',
    kind,
    regionId: input.regionId ?? 'aws-us-west-2',
    plan: input.plan ?? (kind === 'free' ? 'Free' : kind === 'serverless' ? 'Serverless' : 'Enterprise'),
    cuType: isDedicated ? (input.cuType ?? 'Performance-optimized') : '',
    cuSize: isDedicated ? (input.cuSize ?? 1) : 0,
    replica: 1,
    status,
    createTime: at,
    collections: input.collections ?? DEFAULT_COLLECTIONS,
    backupCounter: 0
  }
  world.clusters.set(cluster.clusterId, cluster)
  return cluster
}

/** Automatic backups go with the cluster; manual ones outlive it (docs/zilliz-api-notes.md#lifecycle). */
export function dropCluster(world: World, cluster: Cluster, at: number): void {
  cluster.status = 'DELETED'
  world.policies.delete(cluster.clusterId)
  for (const backup of world.byCluster.get(cluster.clusterId) ?? []) {
    if (backup.creationMethod !== 'AUTO') continue
    const job = world.jobs.get(backup.jobId)
    if (job !== undefined && job.finished === null) job.finished = { status: 'FAILED', reason: 'The source cluster was dropped.', at }
    hideBackup(world, backup, at)
  }
}

export type RestoreClusterInput = { projectId: string; clusterName: string; cuSize: number }

export function restoreCluster(
  world: World,
  source: Backup,
  input: RestoreClusterInput,
  at: number
): { cluster: Cluster; job: Job; password: string } {
  const template = world.clusters.get(source.clusterId)
  const cluster = createCluster(
    world,
    {
      projectId: input.projectId,
      clusterName: input.clusterName,
      regionId: source.regionId,
      plan: template?.plan ?? 'Enterprise',
      cuType: template?.cuType ?? 'Performance-optimized',
      cuSize: input.cuSize,
      collections: source.dbCollections.flatMap((db) => db.collectionNames)
    },
    at,
    'CREATING'
  )
  if (cluster.collections.length === 0) cluster.collections = template?.collections ?? DEFAULT_COLLECTIONS
  const job = startJob(world, 'RESTORE', at, { backupId: source.backupId, clusterId: cluster.clusterId })
  return { cluster, job, password: world.random.alnum(8) + 'A#' + world.random.hex(6) }
}

/** restoreCollection and export: a job that only reports progress (README [I]: export reuses type BACKUP). */
export function startSideJob(world: World, type: 'RESTORE' | 'BACKUP', backup: Backup, at: number): Job {
  return startJob(world, type, at, { backupId: backup.backupId, clusterId: null })
}
