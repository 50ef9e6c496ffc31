import { isCoreError } from '#contract/errors'
import { TERMINAL_JOB_STATUSES } from '#contract/models/job'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { ClientPool } from '../connections/client-pool.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { Logger } from '../lib/logger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listActiveJobs, trackJob, updateJob, type JobAction, type JobState, type TrackedJob } from '../store/jobs.repo.ts'

type JobTrackerDeps = {
  db: StoreDatabase
  pool: ClientPool
  events: EventBus
  logger: Logger
  now: () => number
  /** Between polls of the tracked jobs; Zilliz's CLI polls every 5 s (docs/zilliz-api-notes.md#jobs). */
  pollMs: number
  /** A job ended: its connection's cache is refreshed (the backup became AVAILABLE, a cluster appeared). */
  onJobEnded: (connectionId: string, job: TrackedJob) => void
  /**
   * The latest state of a `first-backup` job, which has no Zilliz job id to describe (actions/first-backup-watch.ts);
   * null when nothing is known yet or no look is due.
   */
  describeFirstBackup: (client: ZillizClient, job: TrackedJob) => Promise<Observed | null>
}

/** A job's latest state, and the backup it turned out to be about when that was not known before. */
export type Observed = { job: JobState; backupId?: string }

/**
 * Polls every unfinished job the app started until it ends, one Describe Job per job per tick (well
 * inside the per-endpoint rate budget), emitting `job/updated` on every change.
 */
export class JobTracker {
  private timer: ReturnType<typeof setTimeout> | null = null
  private isPolling = false
  private isStopped = true

  constructor(private readonly deps: JobTrackerDeps) {}

  start(): void {
    this.isStopped = false
    this.schedule()
  }

  stop(): void {
    this.isStopped = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  track(connectionId: string, clusterId: string, backupId: string | null, action: JobAction, job: JobState): TrackedJob {
    const tracked = trackJob(this.deps.db, { connectionId, clusterId, backupId, action, job }, this.deps.now())
    this.announce(tracked)
    this.schedule()
    return tracked
  }

  /** Refreshes the connection's unfinished jobs now (a sync does this as its last phase). */
  async refresh(connectionId: string, client?: ZillizClient): Promise<void> {
    const active = listActiveJobs(this.deps.db, { connectionId })
    if (active.length === 0) return
    const api = client ?? (await this.deps.pool.get(connectionId))
    await Promise.all(active.map((job) => this.refreshJob(api, job)))
  }

  /** Reads one job's latest state now, records and announces a change. */
  async refreshJob(client: ZillizClient, tracked: TrackedJob): Promise<TrackedJob> {
    const observed = tracked.action === 'first-backup' ? await this.deps.describeFirstBackup(client, tracked) : await this.describe(client, tracked)
    if (observed === null) return tracked
    const { job, backupId } = observed
    const sameBackup = backupId === undefined || backupId === tracked.backupId
    if (job.status === tracked.status && job.progress === tracked.progress && sameBackup) return tracked
    const updated = updateJob(this.deps.db, tracked.connectionId, job, this.deps.now(), backupId)
    this.announce(updated)
    if (TERMINAL_JOB_STATUSES.includes(updated.status)) this.deps.onJobEnded(updated.connectionId, updated)
    return updated
  }

  private async describe(client: ZillizClient, tracked: TrackedJob): Promise<Observed | null> {
    try {
      return { job: await client.describeJob(tracked.jobId) }
    } catch (error) {
      if (!isCoreError(error)) throw error
      this.deps.logger.warn('job poll failed', { jobId: tracked.jobId, code: error.code })
      return null
    }
  }

  private schedule(): void {
    if (this.isStopped || this.timer !== null) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.tick()
    }, this.deps.pollMs)
    this.timer.unref()
  }

  private async tick(): Promise<void> {
    if (this.isPolling) return
    this.isPolling = true
    try {
      const active = listActiveJobs(this.deps.db)
      const connections = [...new Set(active.map((j) => j.connectionId))]
      for (const connectionId of connections) {
        // Stopped while a poll was out (the app is closing its database): leave the rest.
        if (this.isStopped) return
        try {
          await this.refresh(connectionId)
        } catch (error) {
          this.deps.logger.warn('job refresh failed', { connectionId, error: isCoreError(error) ? error.code : String(error) })
        }
      }
      if (!this.isStopped && listActiveJobs(this.deps.db).length > 0) this.schedule()
    } finally {
      this.isPolling = false
    }
  }

  private announce(job: TrackedJob): void {
    this.deps.events.emit('job/updated', {
      jobId: job.jobId,
      type: job.type,
      status: job.status,
      action: job.action,
      progress: job.progress,
      startTime: job.startTime,
      endTime: job.endTime,
      reason: job.reason,
      connectionId: job.connectionId,
      clusterId: job.clusterId,
      backupId: job.backupId,
      updatedAt: job.updatedAt
    })
  }
}
