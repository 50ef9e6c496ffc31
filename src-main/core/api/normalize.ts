/**
 * Maps parsed API payloads to the contract's models (without `connectionId`, which the sync layer adds).
 * The Dedicated/Free/Serverless decision lives here because it needs the API's quirks (docs/zilliz-api-notes.md#dedicated-only).
 */
import type { Backup } from '#contract/models/backup'
import type { Cluster, Deployment, Project } from '#contract/models/cluster'
import type { Job } from '#contract/models/job'
import type { BackupPolicy } from '#contract/models/policy'
import type { z } from 'zod'
import type { RawBackup, RawBackupDetail, RawCluster, RawPolicy, jobSchema, projectSchema } from './schemas.ts'

export type ApiCluster = Omit<Cluster, 'connectionId'>
export type ApiProject = Omit<Project, 'connectionId'>
export type ApiBackup = Omit<Backup, 'connectionId'>

export type BackupCollection = { dbName: string | null; collectionName: string; status: string | null }
export type ApiBackupDetail = ApiBackup & { regionId: string | null; collections: BackupCollection[] }

/** A remote policy as the API reports it: the normalized policy plus the server's status. */
export type PolicyReading = { clusterId: string; status: 'ENABLED' | 'DISABLED'; policy: BackupPolicy }

const DEDICATED_PLANS = new Set(['Standard', 'Enterprise', 'BusinessCritical'])
const DEPLOYMENTS = new Set<string>(['Dedicated', 'Serverless', 'Free'])

/** `deploymentOption` when the server sends it; otherwise ID prefix, then plan, then CU size. */
function deploymentOf(raw: RawCluster): Deployment {
  const option = raw.deploymentOption ?? ''
  if (DEPLOYMENTS.has(option)) return option as Deployment
  if (raw.clusterId.startsWith('in03-')) return 'Free'
  if (raw.clusterId.startsWith('in05-')) return 'Serverless'
  const plan = raw.plan ?? ''
  if (plan === 'Free' || plan === 'Serverless') return plan
  if (DEDICATED_PLANS.has(plan) || (raw.cuSize ?? 0) > 0) return 'Dedicated'
  return 'Serverless'
}

export function toCluster(raw: RawCluster): ApiCluster {
  // TF forces plan "Free" for in03- IDs: the API has reported "Serverless" for Free clusters.
  const plan = raw.clusterId.startsWith('in03-') ? 'Free' : (raw.plan ?? '')
  return {
    clusterId: raw.clusterId,
    clusterName: raw.clusterName,
    projectId: raw.projectId,
    regionId: raw.regionId,
    plan,
    deployment: deploymentOf(raw),
    cuType: raw.cuType ?? '',
    cuSize: raw.cuSize ?? 0,
    status: raw.status,
    createTime: raw.createTime
  }
}

export function toProject(raw: z.infer<typeof projectSchema>): ApiProject {
  return { projectId: raw.projectId, projectName: raw.projectName, plan: raw.plan ?? null }
}

/** TF treats any status but ENABLED as "no policy"; disabled policies carry the API's zero values. */
export function toPolicyReading(raw: RawPolicy, clusterId: string): PolicyReading {
  const enabled = raw.status === 'ENABLED'
  const base = { clusterId: raw.clusterId ?? clusterId, status: enabled ? ('ENABLED' as const) : ('DISABLED' as const) }
  if (!enabled) return { ...base, policy: { enabled: false, frequency: '', startTime: '', retentionDays: 0 } }
  const copies = raw.crossRegionCopies ?? raw.crossRegionPolicies
  const policy: BackupPolicy = {
    enabled: true,
    frequency: raw.frequency ?? '',
    startTime: raw.startTime ?? '',
    retentionDays: raw.retentionDays ?? 0
  }
  if (copies !== null && copies !== undefined) {
    policy.crossRegionCopies = copies.map((c) => ({ regionId: c.regionId, retentionDays: c.retentionDays }))
  }
  return { ...base, policy }
}

/** Exactly the API's five fields: extra properties a caller may carry never reach the wire. */
export function toPolicyBody(policy: BackupPolicy): Record<string, unknown> {
  const body: Record<string, unknown> = {
    enabled: policy.enabled,
    frequency: policy.frequency,
    startTime: policy.startTime,
    retentionDays: policy.retentionDays
  }
  if (policy.crossRegionCopies !== undefined) {
    body.crossRegionCopies = policy.crossRegionCopies.map((c) => ({ regionId: c.regionId, retentionDays: c.retentionDays }))
  }
  return body
}

export function toBackup(raw: RawBackup): ApiBackup {
  return {
    backupId: raw.backupId,
    backupName: raw.backupName,
    clusterId: raw.clusterId,
    clusterName: raw.clusterName,
    projectId: raw.projectId,
    backupType: raw.backupType,
    creationMethod: raw.creationMethod,
    status: raw.status,
    size: raw.size,
    createTime: raw.createTime,
    expireTime: raw.expireTime
  }
}

/** Examples return a flat `collections`; the REF schema nests them in `dbCollections`. Either (or both) is read. */
export function toBackupDetail(raw: RawBackupDetail): ApiBackupDetail {
  const collections: BackupCollection[] = []
  for (const db of raw.dbCollections ?? []) {
    for (const c of db.collections) collections.push({ dbName: db.dbName ?? null, collectionName: c.collectionName, status: c.status ?? null })
  }
  if (collections.length === 0) {
    for (const c of raw.collections ?? []) collections.push({ dbName: null, collectionName: c.collectionName, status: c.status ?? null })
  }
  return { ...toBackup(raw), regionId: raw.regionId ?? null, collections }
}

export function toJob(raw: z.infer<typeof jobSchema>): Job {
  return {
    jobId: raw.jobId,
    type: raw.type,
    status: raw.status,
    progress: raw.progress ?? 0,
    startTime: raw.startTime,
    endTime: raw.endTime,
    reason: raw.reason ?? ''
  }
}
