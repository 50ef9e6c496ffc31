/** Documented response shapes (docs/zilliz-api-notes.md), written independently of the emulator. */
import { z } from 'zod'

const isoSecond = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
export const clusterIdRe = /^in0[135]-[0-9a-f]{15}$/
export const backupIdRe = /^backup\d+_[0-9a-f]{15}$/
export const jobIdRe = /^job-[0-9a-z]{22}$/
export const projectIdRe = /^proj-[0-9a-f]{22}$/

export const policySet = z.object({ clusterId: z.string().regex(clusterIdRe), status: z.enum(['ENABLED', 'DISABLED']) })
export const policyGet = z.object({
  clusterId: z.string(),
  status: z.enum(['ENABLED', 'DISABLED']),
  startTime: z.string().nullable(),
  frequency: z.string().nullable(),
  retentionDays: z.number().int(),
  crossRegionCopies: z.array(z.object({ regionId: z.string(), retentionDays: z.number().int(), region: z.string() }))
})
export const backupCreated = z.object({
  backupId: z.string().regex(backupIdRe),
  backupName: z.string(),
  jobId: z.string().regex(jobIdRe)
})
export const backupItem = z.object({
  projectId: z.string().regex(projectIdRe),
  backupId: z.string().regex(backupIdRe),
  backupName: z.string(),
  backupType: z.enum(['CLUSTER', 'COLLECTION']),
  creationMethod: z.enum(['AUTO', 'MANUAL']),
  size: z.number().int().nonnegative(),
  expireTime: isoSecond.nullable(),
  clusterId: z.string().regex(clusterIdRe),
  clusterName: z.string(),
  createTime: isoSecond,
  status: z.enum(['AVAILABLE', 'CREATING'])
})
export type BackupItem = z.infer<typeof backupItem>
export const backupList = z.object({
  count: z.number().int(),
  currentPage: z.number().int(),
  pageSize: z.number().int(),
  backups: z.array(backupItem)
})
const collection = z.object({ collectionName: z.string(), description: z.string(), status: z.enum(['LOADED', 'UNLOADED']) })
export const backupDetail = backupItem.omit({ status: true }).extend({
  status: z.enum(['CREATING', 'AVAILABLE', 'DELETED']),
  regionId: z.string(),
  collections: z.array(collection),
  dbCollections: z.array(z.object({ dbName: z.string(), collections: z.array(collection) }))
})
export const backupDeleted = z.object({ backupId: z.string(), backupName: z.string() })
export const restoreClusterData = z.object({
  clusterId: z.string().regex(clusterIdRe),
  username: z.literal('db_admin'),
  password: z.string().min(8),
  jobId: z.string().regex(jobIdRe)
})
export const jobOnly = z.object({ jobId: z.string().regex(jobIdRe) })
export const job = z.object({
  jobId: z.string().regex(jobIdRe),
  type: z.enum(['IMPORT', 'MIGRATION', 'BACKUP', 'RESTORE', 'CLONE_COLLECTION']),
  status: z.enum(['PENDING', 'IN_PROGRESS', 'SUCCESSFUL', 'FAILED', 'CANCELING', 'CANCELED']),
  progress: z.string().regex(/^\d{1,3}$/),
  startTime: isoSecond,
  endTime: isoSecond.nullable(),
  reason: z.string()
})
const clusterBase = z.object({
  clusterId: z.string().regex(clusterIdRe),
  clusterName: z.string(),
  description: z.string(),
  regionId: z.string(),
  plan: z.enum(['Free', 'Serverless', 'Standard', 'Enterprise', 'BusinessCritical']),
  cuType: z.string(),
  cuSize: z.number().int(),
  status: z.string(),
  connectAddress: z.string(),
  privateLinkAddress: z.string(),
  projectId: z.string().regex(projectIdRe),
  createTime: isoSecond,
  deploymentOption: z.enum(['Free', 'Serverless', 'Dedicated'])
})
export type ClusterItem = z.infer<typeof clusterBase>
export const clusterList = z.object({ count: z.number().int(), currentPage: z.number().int(), pageSize: z.number().int(), clusters: z.array(clusterBase) })
export const clusterDetail = clusterBase.extend({ replica: z.number().int(), storageSize: z.number(), snapshotNumber: z.number().int(), createProgress: z.number() })
export const project = z.object({
  projectId: z.string().regex(projectIdRe),
  projectName: z.string(),
  instanceCount: z.number().int(),
  createTime: isoSecond,
  plan: z.string()
})
export const projects = z.array(project)
export const clouds = z.array(z.object({ cloudId: z.string(), description: z.string() }))
export const regions = z.array(z.object({ cloudId: z.string(), regionId: z.string(), domain: z.string() }))
export type JobData = z.infer<typeof job>
