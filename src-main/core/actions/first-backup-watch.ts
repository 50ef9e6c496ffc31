import { randomUUID } from 'node:crypto'
import { isCoreError } from '#contract/errors'
import type { Backup } from '#contract/models/backup'
import { nextWindows } from '#contract/backup-windows'
import type { ApiBackup } from '../api/normalize.ts'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { Logger } from '../lib/logger.ts'
import { insertCreatingBackup } from '../store/backups.repo.ts'
import { getMirroredPolicy } from '../store/cache.query.ts'
import type { StoreDatabase } from '../store/database.ts'
import { expectFirstBackup, failIntent, getIntent, type BackupIntent } from '../store/intents.repo.ts'
import type { JobState, TrackedJob } from '../store/jobs.repo.ts'
import { toEpochMs } from '../store/time.ts'
import { writeTransaction } from '../store/transaction.ts'
import { claimNewBackup } from './intent-reconciler.ts'
import type { JobTracker, Observed } from './job-tracker.ts'

/** How long Backup Desk looks for the backup that enabling a policy starts before it says none has started. */
const FIRST_BACKUP_WAIT_MS = 5 * 60_000
/** The first second look; each later one waits twice as long (5 s, 10 s, 20 s, …): a handful of list reads. */
const FIRST_BACKUP_RECHECK_MS = 5_000

type FirstBackupWatchDeps = {
  db: StoreDatabase
  jobs: JobTracker
  logger: Logger
  now: () => number
  /** A backup was written into the mirror: the in-memory search learns it too. */
  onCreating: (backup: Backup) => void
  waitMs?: number
  recheckMs?: number
}

/** What was true just before a policy write that enables automatic backups. */
export type FirstBackupBaseline = { knownBackupIds: string[]; readAtServerMs: number }

/**
 * Enabling a policy makes Zilliz start an AUTO backup at once (docs/zilliz-api-notes.md#set-policy), but the set-policy answer
 * carries no job id. The expectation is a backup intent of kind `first-backup` (store/intents.repo.ts) with the AUTO
 * backups that existed before the write; the job tracker polls its `first-backup` job through `describe`, which
 * claims only a NEW AUTO backup (by id, `claimNewBackup`), writes it into the mirror as CREATING, then follows that
 * backup until it is AVAILABLE or gone. Looks back off (FIRST_BACKUP_RECHECK_MS doubling) and stop after
 * FIRST_BACKUP_WAIT_MS with NOT_STARTED, which never claims a backup exists. The intent and the job are in SQLite,
 * so the watch goes on after a restart.
 */
export class FirstBackupWatch {
  /** Intent id → local time of its next look; empty after a restart, so the first tick looks at once. */
  private readonly nextLookAt = new Map<string, number>()
  private readonly looks = new Map<string, number>()

  constructor(private readonly deps: FirstBackupWatchDeps) {}

  /** Before the write: the cluster's AUTO backups, none of which can be the first backup. */
  async baseline(client: ZillizClient, clusterId: string): Promise<FirstBackupBaseline> {
    const existing = await client.listAllBackups({ clusterId, creationMethod: 'AUTO' })
    return { knownBackupIds: existing.map((b) => b.backupId), readAtServerMs: Math.round(this.deps.now() + client.serverClockSkewMs()) }
  }

  /** After the write went through: records the expectation and its job, and looks once at once. */
  async expect(client: ZillizClient, connectionId: string, clusterId: string, baseline: FirstBackupBaseline): Promise<TrackedJob> {
    const id = randomUUID()
    const job: JobState = { jobId: id, type: 'BACKUP', status: 'PENDING', progress: 0, startTime: null, endTime: null, reason: '' }
    const tracked = writeTransaction(this.deps.db, 'record the expected first backup', () => {
      expectFirstBackup(this.deps.db, { id, connectionId, clusterId, params: {}, requestedAtServerMs: baseline.readAtServerMs, knownBackupIds: baseline.knownBackupIds, jobId: id }, this.deps.now())
      return this.deps.jobs.track(connectionId, clusterId, null, 'first-backup', job)
    })
    return this.deps.jobs.refreshJob(client, tracked)
  }

  /** The job tracker's look at a `first-backup` job (it has no Zilliz job to describe). */
  async describe(client: ZillizClient, tracked: TrackedJob): Promise<Observed | null> {
    const intent = getIntent(this.deps.db, tracked.jobId)
    if (intent.state === 'UNKNOWN' || intent.state === 'PENDING') return this.lookForBackup(client, intent, tracked)
    if (intent.state === 'FAILED' || intent.backupId === null) return { job: this.notStarted(tracked, intent.error ?? '') }
    return this.followBackup(client, tracked, intent.backupId)
  }

  private async lookForBackup(client: ZillizClient, intent: BackupIntent, tracked: TrackedJob): Promise<Observed | null> {
    const nowMs = this.deps.now()
    if ((this.nextLookAt.get(intent.id) ?? -Infinity) > nowMs) return null
    const claim = await claimNewBackup(this.deps, client, intent)
    if (claim !== null && claim.backup !== null) {
      this.forget(intent.id)
      this.mirror(intent.connectionId, claim.backup)
      return { job: this.running(tracked, claim.backup), backupId: claim.backup.backupId }
    }
    const waitMs = this.deps.waitMs ?? FIRST_BACKUP_WAIT_MS
    const elapsedMs = nowMs - toEpochMs(intent.createdAt, 'createdAt')
    if (claim !== null && elapsedMs >= waitMs) {
      this.forget(intent.id)
      const reason = this.notStartedReason(intent, waitMs, nowMs + client.serverClockSkewMs())
      failIntent(this.deps.db, intent.id, reason, nowMs)
      return { job: this.notStarted(tracked, reason) }
    }
    const looks = (this.looks.get(intent.id) ?? 0) + 1
    this.looks.set(intent.id, looks)
    const delayMs = (this.deps.recheckMs ?? FIRST_BACKUP_RECHECK_MS) * 2 ** (looks - 1)
    // The last look lands on the bound, so that NOT_STARTED is said on time and not a doubling later.
    this.nextLookAt.set(intent.id, Math.min(nowMs + delayMs, toEpochMs(intent.createdAt, 'createdAt') + waitMs))
    return null
  }

  private async followBackup(client: ZillizClient, tracked: TrackedJob, backupId: string): Promise<Observed | null> {
    try {
      const backup = await client.describeBackup(tracked.clusterId, backupId)
      if (backup.status === 'CREATING') return null
      if (backup.status === 'AVAILABLE') return { job: { ...this.ended(tracked), status: 'SUCCESSFUL', progress: 100 } }
      return { job: { ...this.ended(tracked), status: 'FAILED', reason: 'The backup was deleted before it finished.' } }
    } catch (error) {
      if (!isCoreError(error)) throw error
      // Zilliz drops a backup that failed from its lists; describing it is refused as an unknown backup.
      if (error.code === 'api/rejected') return { job: { ...this.ended(tracked), status: 'FAILED', reason: 'Zilliz Cloud no longer lists this backup: it did not finish.' } }
      this.deps.logger.warn('first backup poll failed', { jobId: tracked.jobId, code: error.code })
      return null
    }
  }

  private mirror(connectionId: string, found: ApiBackup): void {
    if (found.status !== 'CREATING') return
    const backup: Backup = { ...found, connectionId }
    insertCreatingBackup(this.deps.db, backup, toEpochMs(found.createTime, 'createTime'))
    this.deps.onCreating(backup)
  }

  private running(tracked: TrackedJob, backup: ApiBackup): JobState {
    const base = { jobId: tracked.jobId, type: tracked.type, startTime: backup.createTime, reason: '' }
    return backup.status === 'AVAILABLE'
      ? { ...base, status: 'SUCCESSFUL', progress: 100, endTime: new Date(this.deps.now()).toISOString() }
      : { ...base, status: 'IN_PROGRESS', progress: 0, endTime: null }
  }

  private ended(tracked: TrackedJob): JobState {
    return { jobId: tracked.jobId, type: tracked.type, status: tracked.status, progress: tracked.progress, startTime: tracked.startTime, endTime: new Date(this.deps.now()).toISOString(), reason: '' }
  }

  private notStarted(tracked: TrackedJob, reason: string): JobState {
    return { ...this.ended(tracked), status: 'NOT_STARTED', reason }
  }

  /**
   * True wording: nothing was seen, so nothing is claimed; Zilliz's schedule still holds. No "Not started yet:" of its
   * own: the Jobs badge and the toast's title already say it, and the reason follows them.
   */
  private notStartedReason(intent: BackupIntent, waitMs: number, serverNowMs: number): string {
    // Windows are Zilliz's schedule, so they are counted from the server's time (docs/reliability.md#r28).
    const policy = getMirroredPolicy(this.deps.db, intent.clusterId, intent.connectionId)?.policy
    const next = policy === undefined ? undefined : nextWindows(policy, serverNowMs, 1)[0]
    const when = next === undefined ? 'in the next backup window' : `in the next backup window, ${new Date(next.startMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    const within = waitMs >= 60_000 ? `${Math.round(waitMs / 60_000)} minutes` : `${Math.round(waitMs / 1000)} seconds`
    return `Zilliz Cloud listed no new automatic backup within ${within} of enabling. Zilliz will start it ${when}.`
  }

  private forget(intentId: string): void {
    this.nextLookAt.delete(intentId)
    this.looks.delete(intentId)
  }
}
