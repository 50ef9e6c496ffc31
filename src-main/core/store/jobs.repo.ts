import { CoreError } from '#contract/errors'
import type { Job, JobAction, TrackedJobStatus } from '#contract/models/job'
import type { StoreDatabase } from './database.ts'
import { toEpochMsOrNull, toIso, toIsoOrNull } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

export type { JobAction }

/** A job's latest state: what Describe Job answered, or what Backup Desk saw of a `first-backup`. */
export type JobState = Omit<Job, 'status'> & { status: TrackedJobStatus }

/** A job the app started and watches, with what it is about. */
export type TrackedJob = JobState & {
  connectionId: string
  clusterId: string
  backupId: string | null
  action: JobAction
  createdAt: string
  updatedAt: string
}

type NewTrackedJob = {
  connectionId: string
  clusterId: string
  backupId?: string | null
  action: JobAction
  job: JobState
}

type JobRow = {
  connection_id: string
  job_id: string
  cluster_id: string
  backup_id: string | null
  action: JobAction
  type: string
  status: TrackedJobStatus
  progress: number
  start_time: number | null
  end_time: number | null
  reason: string
  created_at: number
  updated_at: number
}

/** Starts tracking a job. Tracking the same job twice keeps the first record and refreshes its status. */
export function trackJob(db: StoreDatabase, input: NewTrackedJob, now = Date.now()): TrackedJob {
  const { job } = input
  const start = toEpochMsOrNull(job.startTime, 'startTime')
  const end = toEpochMsOrNull(job.endTime, 'endTime')
  writeTransaction(db, 'track the job', () => {
    db.prepare(
      `INSERT INTO jobs (connection_id, job_id, cluster_id, backup_id, action, type, status, progress, start_time,
         end_time, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, job_id) DO UPDATE SET status = excluded.status, progress = excluded.progress,
         start_time = excluded.start_time, end_time = excluded.end_time, reason = excluded.reason,
         updated_at = excluded.updated_at`
    ).run(input.connectionId, job.jobId, input.clusterId, input.backupId ?? null, input.action, job.type, job.status,
      job.progress, start, end, job.reason, now, now)
  })
  return getJob(db, input.connectionId, job.jobId)
}

/** Records the latest Describe Job answer; `backupId` names the backup a `first-backup` job found. */
export function updateJob(db: StoreDatabase, connectionId: string, job: JobState, now = Date.now(), backupId?: string): TrackedJob {
  const start = toEpochMsOrNull(job.startTime, 'startTime')
  const end = toEpochMsOrNull(job.endTime, 'endTime')
  writeTransaction(db, 'update the job', () => {
    const result = db.prepare(
      `UPDATE jobs SET status = ?, progress = ?, start_time = ?, end_time = ?, reason = ?, updated_at = ?,
         backup_id = coalesce(?, backup_id) WHERE connection_id = ? AND job_id = ?`
    ).run(job.status, job.progress, start, end, job.reason, now, backupId ?? null, connectionId, job.jobId)
    if (result.changes === 0) throw new CoreError('not-found', 'The job is not tracked.')
  })
  return getJob(db, connectionId, job.jobId)
}

function findJob(db: StoreDatabase, connectionId: string, jobId: string): TrackedJob | null {
  const row = readQuery('read the job', () =>
    db.prepare('SELECT * FROM jobs WHERE connection_id = ? AND job_id = ?').get(connectionId, jobId)
  ) as JobRow | undefined
  return row === undefined ? null : fromRow(row)
}

function getJob(db: StoreDatabase, connectionId: string, jobId: string): TrackedJob {
  const job = findJob(db, connectionId, jobId)
  if (job === null) throw new CoreError('not-found', 'The job is not tracked.')
  return job
}

/** Jobs that can still change, oldest update first (the watcher polls these). */
export function listActiveJobs(db: StoreDatabase, filter: { connectionId?: string } = {}): TrackedJob[] {
  const rows = readQuery('list active jobs', () =>
    db.prepare(
      `SELECT * FROM jobs WHERE status NOT IN ('SUCCESSFUL', 'FAILED', 'CANCELED', 'NOT_STARTED')
         AND (@connectionId IS NULL OR connection_id = @connectionId) ORDER BY updated_at`
    ).all({ connectionId: filter.connectionId ?? null })
  ) as JobRow[]
  return rows.map(fromRow)
}

/** Recent jobs, newest first. */
export function listJobs(
  db: StoreDatabase,
  filter: { connectionId?: string; clusterId?: string; limit?: number } = {}
): TrackedJob[] {
  const rows = readQuery('list jobs', () =>
    db.prepare(
      `SELECT * FROM jobs WHERE (@connectionId IS NULL OR connection_id = @connectionId)
         AND (@clusterId IS NULL OR cluster_id = @clusterId)
       ORDER BY created_at DESC, job_id LIMIT @limit`
    ).all({ connectionId: filter.connectionId ?? null, clusterId: filter.clusterId ?? null, limit: filter.limit ?? 100 })
  ) as JobRow[]
  return rows.map(fromRow)
}

function fromRow(row: JobRow): TrackedJob {
  return {
    jobId: row.job_id,
    type: row.type,
    status: row.status,
    progress: row.progress,
    startTime: toIsoOrNull(row.start_time),
    endTime: toIsoOrNull(row.end_time),
    reason: row.reason,
    connectionId: row.connection_id,
    clusterId: row.cluster_id,
    backupId: row.backup_id,
    action: row.action,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at)
  }
}
