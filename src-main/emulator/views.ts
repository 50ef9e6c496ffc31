/** Internal records → the documented response shapes (docs/zilliz-api-notes.md). */
import { iso } from './clock.ts'
import type { Backup, Cluster, Job, Policy, Project } from './model.ts'
import { regionCode } from './regions.ts'

export function backupListItem(backup: Backup): Record<string, unknown> {
  return {
    projectId: backup.projectId,
    backupId: backup.backupId,
    backupName: backup.backupName,
    backupType: backup.backupType,
    creationMethod: backup.creationMethod,
    size: backup.size,
    expireTime: backup.expireTime === null ? null : iso(backup.expireTime),
    clusterId: backup.clusterId,
    clusterName: backup.clusterName,
    createTime: iso(backup.createTime),
    status: backup.status
  }
}

export function backupDetail(backup: Backup): Record<string, unknown> {
  const collections = backup.dbCollections.flatMap((db) =>
    db.collectionNames.map((collectionName) => ({ collectionName, description: '', status: 'LOADED' }))
  )
  return {
    clusterId: backup.clusterId,
    clusterName: backup.clusterName,
    projectId: backup.projectId,
    backupId: backup.backupId,
    backupName: backup.backupName,
    backupType: backup.backupType,
    creationMethod: backup.creationMethod,
    status: backup.status,
    size: backup.size,
    regionId: backup.regionId,
    expireTime: backup.expireTime === null ? null : iso(backup.expireTime),
    createTime: iso(backup.createTime),
    collections,
    dbCollections: backup.dbCollections.map((db) => ({
      dbName: db.dbName,
      collections: db.collectionNames.map((collectionName) => ({ collectionName, description: '', status: 'LOADED' }))
    }))
  }
}

export function policyView(clusterId: string, policy: Policy | undefined): Record<string, unknown> {
  if (policy === undefined || !policy.enabled) {
    return { clusterId, status: 'DISABLED', startTime: null, frequency: null, retentionDays: 0, crossRegionCopies: [] }
  }
  return {
    clusterId,
    status: 'ENABLED',
    startTime: policy.startTime,
    frequency: policy.frequency,
    retentionDays: policy.retentionDays,
    crossRegionCopies: policy.crossRegionCopies.map((copy) => ({ ...copy, region: regionCode(copy.regionId) }))
  }
}

const DEPLOYMENT = { dedicated: 'Dedicated', free: 'Free', serverless: 'Serverless' } as const

function clusterCommon(cluster: Cluster): Record<string, unknown> {
  const host = `${cluster.clusterId}.${cluster.kind === 'dedicated' ? 'api' : 'serverless'}.${cluster.regionId}.zillizcloud.com`
  return {
    clusterId: cluster.clusterId,
    clusterName: cluster.clusterName,
    description: cluster.description,
    regionId: cluster.regionId,
    plan: cluster.plan,
    cuType: cluster.cuType,
    cuSize: cluster.cuSize,
    status: cluster.status,
    connectAddress: `https://${host}${cluster.kind === 'dedicated' ? ':19530' : ''}`,
    privateLinkAddress: '',
    projectId: cluster.projectId,
    createTime: iso(cluster.createTime),
    deploymentOption: DEPLOYMENT[cluster.kind],
    globalClusterMeta: null
  }
}

export function clusterListItem(cluster: Cluster): Record<string, unknown> {
  return clusterCommon(cluster)
}

export function clusterDetail(cluster: Cluster, snapshotNumber: number): Record<string, unknown> {
  return {
    ...clusterCommon(cluster),
    replica: cluster.replica,
    storageSize: 0,
    snapshotNumber,
    createProgress: cluster.status === 'CREATING' ? 50 : 100
  }
}

export function projectView(project: Project, instanceCount: number, regionIds: string[]): Record<string, unknown> {
  return {
    projectId: project.projectId,
    projectName: project.projectName,
    instanceCount,
    createTime: iso(project.createTime),
    plan: project.plan,
    regionIds,
    orgType: 'SAAS',
    createTimeMilli: project.createTime
  }
}

export function jobView(job: Job, now: number, nominalMs: number): Record<string, unknown> {
  const elapsed = Math.max(0, Math.min(now, job.finished?.at ?? now) - job.startTime)
  const percent = Math.min(99, Math.floor((elapsed / Math.max(1, nominalMs)) * 100))
  const status =
    job.finished !== null ? job.finished.status : elapsed < Math.min(nominalMs * 0.05, 3000) ? 'PENDING' : 'IN_PROGRESS'
  return {
    jobId: job.jobId,
    type: job.type,
    status,
    progress: String(job.finished?.status === 'SUCCESSFUL' ? 100 : percent),
    startTime: iso(job.startTime),
    endTime: job.finished === null ? null : iso(job.finished.at),
    reason: job.finished?.reason ?? ''
  }
}
