/** Plain data held by the emulator; everything here is JSON-serialisable for --state-file. */
import type { ClusterKind } from './ids.ts'

export type Plan = 'Free' | 'Serverless' | 'Standard' | 'Enterprise' | 'BusinessCritical'

export type Project = { projectId: string; projectName: string; plan: Plan; createTime: number }

export type ClusterStatus = 'CREATING' | 'RUNNING' | 'DELETED'

export type Cluster = {
  clusterId: string
  clusterName: string
  projectId: string
  description: string
  kind: ClusterKind
  regionId: string
  plan: Plan
  cuType: string
  cuSize: number
  replica: number
  status: ClusterStatus
  createTime: number
  collections: string[]
  /** Per-cluster ordinal behind `backup<N>_…` ids and `<name>_backup<N>` names. */
  backupCounter: number
}

export type CrossRegionCopy = { regionId: string; retentionDays: number }

export type Policy = {
  clusterId: string
  enabled: boolean
  frequency: string
  startTime: string
  retentionDays: number
  crossRegionCopies: CrossRegionCopy[]
  /** Bumped on every change so stale scheduled ticks are ignored. */
  version: number
}

export type BackupStatus = 'CREATING' | 'AVAILABLE' | 'DELETED' | 'FAILED'
export type BackupType = 'CLUSTER' | 'COLLECTION'
export type CreationMethod = 'AUTO' | 'MANUAL'

export type DbCollections = { dbName: string; collectionNames: string[] }

export type Backup = {
  backupId: string
  backupName: string
  clusterId: string
  clusterName: string
  projectId: string
  regionId: string
  backupType: BackupType
  creationMethod: CreationMethod
  status: BackupStatus
  size: number
  createTime: number
  /** null for manual backups: they are kept until deleted (README [I]). */
  expireTime: number | null
  dbCollections: DbCollections[]
  jobId: string
  deletedTime: number | null
}

export type JobType = 'BACKUP' | 'RESTORE'

export type Job = {
  jobId: string
  type: JobType
  startTime: number
  /** When the job is planned to finish (emulator time). */
  endAt: number
  /** Set once the job has finished. */
  finished: { status: 'SUCCESSFUL' | 'FAILED'; reason: string; at: number } | null
  /** The outcome the job reaches at endAt. */
  outcome: { status: 'SUCCESSFUL' | 'FAILED'; reason: string }
  backupId: string | null
  clusterId: string | null
}

export type WorldEvent =
  | { at: number; seq: number; kind: 'job-end'; jobId: string }
  | { at: number; seq: number; kind: 'expire'; backupId: string }
  | { at: number; seq: number; kind: 'auto-tick'; clusterId: string; version: number }
