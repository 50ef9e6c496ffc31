/**
 * Moves the world forward in emulator time. State is evaluated lazily: every request first calls
 * advanceTo(now), which replays due events (job ends, expiries, scheduled automatic backups) in time
 * order, so jumping three weeks ahead costs one pass over the events in between and nothing more.
 */
import { DAY, MINUTE, startOfUtcDay, zillizWeekday } from './clock.ts'
import { ids } from './ids.ts'
import type { Backup, BackupType, Cluster, CreationMethod, DbCollections, Job, JobType, Policy } from './model.ts'
import { addBackup, noteHidden, schedule } from './world.ts'
import type { World } from './world.ts'

/** How a started job ends; seeds use it for the failed and the stuck backup. */
export type JobOutcome = { status: 'SUCCESSFUL' | 'FAILED'; reason: string; afterMs?: number }

/** Longer than any job the emulator plans (the stuck seed job fails after 72 h). */
export const MAX_JOB_MS = 8 * DAY

const SUCCESS: JobOutcome = { status: 'SUCCESSFUL', reason: '' }

export function advanceTo(world: World, target: number): void {
  for (let event = world.events.peek(); event !== undefined && event.at <= target; event = world.events.peek()) {
    world.events.pop()
    world.now = Math.max(world.now, event.at)
    switch (event.kind) {
      case 'job-end':
        finishJob(world, event.jobId)
        break
      case 'expire':
        expireBackup(world, event.backupId)
        break
      case 'auto-tick':
        runAutoTick(world, event.clusterId, event.version, event.at)
        break
    }
  }
  world.now = Math.max(world.now, target)
}

export function startJob(
  world: World,
  type: JobType,
  at: number,
  refs: { backupId: string | null; clusterId: string | null },
  outcome: JobOutcome = SUCCESS
): Job {
  const job: Job = {
    jobId: ids.job(world.random),
    type,
    startTime: at,
    endAt: at + (outcome.afterMs ?? world.jobDurationMs),
    finished: null,
    outcome: { status: outcome.status, reason: outcome.reason },
    ...refs
  }
  world.jobs.set(job.jobId, job)
  schedule(world, { at: job.endAt, kind: 'job-end', jobId: job.jobId })
  return job
}

export type BackupRequest = {
  method: CreationMethod
  type: BackupType
  dbCollections: DbCollections[]
  /** Auto backups only. */
  retentionDays?: number
  outcome?: JobOutcome
}

export function startBackup(world: World, cluster: Cluster, request: BackupRequest, at: number): { backup: Backup; job: Job } {
  cluster.backupCounter += 1
  const ordinal = cluster.backupCounter
  const backupId = ids.backup(world.random, ordinal)
  const job = startJob(world, 'BACKUP', at, { backupId, clusterId: cluster.clusterId }, request.outcome)
  // A CLUSTER backup records what the cluster held, so restores know what they bring back.
  const dbCollections: DbCollections[] =
    request.type === 'CLUSTER' ? [{ dbName: 'default', collectionNames: cluster.collections }] : request.dbCollections
  const firstCollection = dbCollections[0]?.collectionNames[0]
  const prefix = request.type === 'COLLECTION' && firstCollection !== undefined ? firstCollection : cluster.clusterName
  const expireTime =
    request.method === 'AUTO' && request.retentionDays !== undefined ? at + request.retentionDays * DAY : null
  const backup: Backup = {
    backupId,
    backupName: `${prefix}_backup${ordinal}`,
    clusterId: cluster.clusterId,
    clusterName: cluster.clusterName,
    projectId: cluster.projectId,
    regionId: cluster.regionId,
    backupType: request.type,
    creationMethod: request.method,
    status: 'CREATING',
    size: 0,
    createTime: at,
    expireTime,
    dbCollections,
    jobId: job.jobId,
    deletedTime: null
  }
  addBackup(world, backup)
  if (expireTime !== null) schedule(world, { at: expireTime, kind: 'expire', backupId })
  return { backup, job }
}

export function runningBackups(world: World, clusterId: string, method: CreationMethod): Backup[] {
  const list = world.byCluster.get(clusterId) ?? []
  const out: Backup[] = []
  // Newest first, stopping past the longest possible job (the seeds' stuck job ends after 72 h).
  for (let i = list.length - 1; i >= 0; i--) {
    const backup = list[i]
    if (backup === undefined) continue
    if (world.now - backup.createTime > MAX_JOB_MS) break
    if (backup.status === 'CREATING' && backup.creationMethod === method) out.push(backup)
  }
  return out
}

function finishJob(world: World, jobId: string): void {
  const job = world.jobs.get(jobId)
  if (job === undefined || job.finished !== null) return
  job.finished = { ...job.outcome, at: world.now }
  if (job.type === 'BACKUP' && job.backupId !== null) {
    const backup = world.backups.get(job.backupId)
    if (backup === undefined || backup.status !== 'CREATING') return
    if (job.outcome.status === 'SUCCESSFUL') {
      backup.status = 'AVAILABLE'
      backup.size = sizeOf(backup.backupId)
    } else {
      backup.status = 'FAILED'
      noteHidden(world)
    }
  } else if (job.type === 'RESTORE' && job.clusterId !== null) {
    const cluster = world.clusters.get(job.clusterId)
    if (cluster !== undefined && cluster.status === 'CREATING') cluster.status = 'RUNNING'
  }
}

/** Deterministic from the id, so a backup's size never changes between calls or restarts. */
export function sizeOf(backupId: string): number {
  let hash = 2166136261
  for (let i = 0; i < backupId.length; i++) hash = Math.imul(hash ^ backupId.charCodeAt(i), 16777619)
  return 50_000_000 + ((hash >>> 0) % 4_000_000_000)
}

export function hideBackup(world: World, backup: Backup, at: number): void {
  if (backup.status === 'DELETED' || backup.status === 'FAILED') return
  backup.status = 'DELETED'
  backup.deletedTime = at
  noteHidden(world)
}

function expireBackup(world: World, backupId: string): void {
  const backup = world.backups.get(backupId)
  if (backup !== undefined) hideBackup(world, backup, world.now)
}

function runAutoTick(world: World, clusterId: string, version: number, at: number): void {
  const policy = world.policies.get(clusterId)
  const cluster = world.clusters.get(clusterId)
  if (policy === undefined || cluster === undefined || policy.version !== version || !policy.enabled) return
  // A window is skipped while the previous automatic backup still runs (README [I]).
  if (cluster.status === 'RUNNING' && runningBackups(world, clusterId, 'AUTO').length === 0) {
    startBackup(world, cluster, autoRequest(policy), at)
  }
  scheduleNextTick(world, policy, at)
}

export function autoRequest(policy: Policy): BackupRequest {
  return { method: 'AUTO', type: 'CLUSTER', dbCollections: [], retentionDays: policy.retentionDays }
}

export function scheduleNextTick(world: World, policy: Policy, after: number): void {
  const next = nextWindowStart(policy, after)
  if (next !== null) schedule(world, { at: next, kind: 'auto-tick', clusterId: policy.clusterId, version: policy.version })
}

/** Automatic backups start at the opening of the window (README [I]). */
export function nextWindowStart(policy: Pick<Policy, 'frequency' | 'startTime'>, after: number): number | null {
  const days = new Set(policy.frequency.split(',').map(Number))
  const [hours, minutes] = policy.startTime.slice(0, 5).split(':').map(Number)
  if (hours === undefined || minutes === undefined) return null
  const offset = hours * 60 * MINUTE + minutes * MINUTE
  for (let d = 0; d <= 8; d++) {
    const candidate = startOfUtcDay(after) + d * DAY + offset
    if (candidate > after && days.has(zillizWeekday(candidate))) return candidate
  }
  return null
}
