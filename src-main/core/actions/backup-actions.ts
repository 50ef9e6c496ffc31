import { CoreError, isCoreError } from '#contract/errors'
import type { CommandInput, CommandOutput } from '#contract/commands'
import type { Job } from '#contract/models/job'
import { outcomeOf } from '../api/api-error.ts'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { ClientPool } from '../connections/client-pool.ts'
import type { Logger } from '../lib/logger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { findBackup, removeCachedBackup } from '../store/backups.repo.ts'
import { clusterKey } from '../store/cluster-scope.ts'
import { findCachedCluster, type ClusterTarget } from '../fleet/find-cluster.ts'
import { markObservedDeleted } from '../store/observed-backups.repo.ts'
import { beginIntent, confirmIntent, failIntent, listPendingIntents, markIntentUnknown, type BackupIntent } from '../store/intents.repo.ts'
import { settleIntent, UNKNOWN_SETTLE_MS } from './intent-reconciler.ts'
import type { JobTracker } from './job-tracker.ts'

type BackupActionsDeps = {
  db: StoreDatabase
  pool: ClientPool
  jobs: JobTracker
  logger: Logger
  now: () => number
}

type CreateInput = Omit<CommandInput<'backup/create'>, 'backupType'> & { backupType: 'CLUSTER' | 'COLLECTION' }

/**
 * Backup actions against Zilliz Cloud. Creating a backup goes through a committed intent (docs/reliability.md#r25): a
 * retry, a crash or a double click never makes two; an ambiguous outcome is reconciled against the
 * backup list before anything is sent again.
 */
export class BackupActions {
  /** Clusters (keyed by connection and id) with a create request in flight in this process: a double click is refused at once. */
  private readonly creating = new Set<string>()

  constructor(private readonly deps: BackupActionsDeps) {}

  /** `connectionId` is the resolved cluster's (fleet/find-cluster.ts): the handler resolves it once for the CREATING row too. */
  async create(input: CreateInput & { connectionId: string }): Promise<CommandOutput<'backup/create'>> {
    const key = clusterKey(input.connectionId, input.clusterId)
    if (this.creating.has(key)) {
      throw new CoreError('busy', 'A backup of this cluster is being requested right now.')
    }
    this.creating.add(key)
    try {
      return await this.createOnce(input)
    } finally {
      this.creating.delete(key)
    }
  }

  private async createOnce(input: CreateInput & { connectionId: string }): Promise<CommandOutput<'backup/create'>> {
    const { connectionId } = input
    const client = await this.deps.pool.get(connectionId)
    for (const earlier of listPendingIntents(this.deps.db, { connectionId, kind: 'create' }).filter((i) => i.clusterId === input.clusterId)) {
      const settled = await settleIntent(this.deps, client, earlier)
      if (settled.intent.state === 'UNKNOWN' || settled.intent.state === 'PENDING') {
        const waitMs = settled.retryAfterMs ?? UNKNOWN_SETTLE_MS
        throw new CoreError('busy', `An earlier backup request for this cluster got no answer and no backup from it has appeared yet. Backup Desk checks again before sending another; try again ${retryText(this.deps.now() + waitMs)}.`, { retryAfterMs: waitMs })
      }
    }
    // The MANUAL backups that exist before the request can never be its result (docs/reliability.md#r25). Reading them
    // also dates the request in server time (docs/reliability.md#r28), which reconciliation compares create times with.
    const existing = await client.listAllBackups({ clusterId: input.clusterId, creationMethod: 'MANUAL' })
    const params = { backupType: input.backupType, dbCollections: input.dbCollections, crossRegionCopies: input.crossRegionCopies }
    const intent = beginIntent(this.deps.db, {
      connectionId,
      clusterId: input.clusterId,
      params,
      requestedAtServerMs: Math.round(this.deps.now() + client.serverClockSkewMs()),
      knownBackupIds: existing.map((b) => b.backupId)
    }, this.deps.now())
    let result: { backupId: string; backupName: string; jobId: string }
    try {
      result = await client.createBackup(input.clusterId, {
        backupType: input.backupType,
        ...(input.dbCollections === undefined ? {} : { dbCollections: input.dbCollections }),
        ...(input.crossRegionCopies === undefined ? {} : { crossRegionCopies: input.crossRegionCopies })
      })
    } catch (error) {
      return this.afterFailedCreate(client, intent, error)
    }
    confirmIntent(this.deps.db, intent.id, { backupId: result.backupId, jobId: result.jobId }, this.deps.now())
    this.deps.jobs.track(connectionId, input.clusterId, result.backupId, 'create-backup', pendingJob(result.jobId, 'BACKUP'))
    return result
  }

  /**
   * Settles every create request left PENDING or UNKNOWN (at start, after a crash). An expected first backup is
   * settled by its job instead (actions/first-backup-watch.ts), which the job tracker keeps polling.
   */
  async reconcileAll(): Promise<void> {
    const byConnection = new Map<string, BackupIntent[]>()
    for (const intent of listPendingIntents(this.deps.db, { kind: 'create' })) {
      byConnection.set(intent.connectionId, [...(byConnection.get(intent.connectionId) ?? []), intent])
    }
    for (const [connectionId, intents] of byConnection) {
      try {
        const client = await this.deps.pool.get(connectionId)
        for (const intent of intents) await settleIntent(this.deps, client, intent)
      } catch (error) {
        this.deps.logger.warn('intent reconciliation postponed', { connectionId, error: isCoreError(error) ? error.code : String(error) })
      }
    }
  }

  async delete(target: ClusterTarget, backupId: string): Promise<CommandOutput<'backup/delete'>> {
    const { clusterId, connectionId } = this.clusterOf(target)
    const client = await this.deps.pool.get(connectionId)
    const cached = findBackup(this.deps.db, backupId, connectionId)
    const result = await client.deleteBackup(clusterId, backupId)
    removeCachedBackup(this.deps.db, connectionId, backupId)
    markObservedDeleted(this.deps.db, connectionId, backupId, this.deps.now())
    return { backupId: result.backupId, backupName: result.backupName ?? cached?.backupName ?? backupId }
  }

  async restoreCluster(input: CommandInput<'backup/restore-cluster'>): Promise<CommandOutput<'backup/restore-cluster'>> {
    const { connectionId } = this.clusterOf(input)
    const client = await this.deps.pool.get(connectionId)
    const result = await client.restoreCluster(input.clusterId, input.backupId, {
      projectId: input.projectId,
      clusterName: input.clusterName,
      cuSize: input.cuSize,
      collectionStatus: input.collectionStatus,
      ...(input.restoreVersionPolicy === undefined ? {} : { restoreVersionPolicy: input.restoreVersionPolicy })
    })
    const jobId = result.jobId ?? ''
    if (jobId !== '') this.deps.jobs.track(connectionId, input.clusterId, input.backupId, 'restore-cluster', pendingJob(jobId, 'RESTORE'))
    return { clusterId: result.clusterId, username: result.username, password: result.password, jobId }
  }

  async restoreCollection(input: CommandInput<'backup/restore-collection'>): Promise<CommandOutput<'backup/restore-collection'>> {
    const { connectionId } = this.clusterOf(input)
    const client = await this.deps.pool.get(connectionId)
    const result = await client.restoreCollection(input.clusterId, input.backupId, {
      destClusterId: input.destClusterId,
      dbCollections: [
        {
          dbName: input.dbName ?? 'default',
          destDbName: input.destDbName ?? 'default',
          collections: [
            {
              collectionName: input.collectionName,
              targetCollectionName: input.destCollectionName,
              targetCollectionStatus: input.destCollectionStatus ?? 'UNLOADED'
            }
          ]
        }
      ]
    })
    this.deps.jobs.track(connectionId, input.clusterId, input.backupId, 'restore-collection', pendingJob(result.jobId, 'RESTORE'))
    return result
  }

  async export(input: CommandInput<'backup/export'>): Promise<CommandOutput<'backup/export'>> {
    const { connectionId } = this.clusterOf(input)
    const client = await this.deps.pool.get(connectionId)
    const result = await client.exportBackup(input.clusterId, input.backupId, {
      integrationId: input.integrationId,
      ...(input.directory === undefined ? {} : { directory: input.directory })
    })
    this.deps.jobs.track(connectionId, input.clusterId, input.backupId, 'export-backup', pendingJob(result.jobId, 'EXPORT'))
    return result
  }

  /**
   * The request failed. A refusal fails the intent; an uncertain outcome is reconciled at once, and when Zilliz
   * Cloud did create the backup the command RESOLVES with it (the user asked for a backup and got one): only the
   * job id is missing, because the list answer does not carry it, so the backup shows up with the next sync.
   */
  private async afterFailedCreate(client: ZillizClient, intent: BackupIntent, error: unknown): Promise<CommandOutput<'backup/create'>> {
    const outcome = outcomeOf(error)
    if (outcome !== 'unknown') {
      failIntent(this.deps.db, intent.id, isCoreError(error) ? error.message : 'The request failed.', this.deps.now())
      throw error
    }
    const unknown = markIntentUnknown(this.deps.db, intent.id, this.deps.now())
    const settled = await settleIntent(this.deps, client, unknown)
    if (settled.intent.state === 'CONFIRMED' && settled.backup !== null) {
      this.deps.logger.info('backup created despite a lost answer', { intentId: intent.id, backupId: settled.backup.backupId })
      return { backupId: settled.backup.backupId, backupName: settled.backup.backupName, jobId: '' }
    }
    const code = isCoreError(error) ? error.code : 'api/unreachable'
    if (settled.intent.state === 'FAILED') {
      throw new CoreError(code, 'No answer came back from Zilliz Cloud, and its backup list shows no new backup: none was created. You can try again now.')
    }
    const waitMs = settled.retryAfterMs ?? UNKNOWN_SETTLE_MS
    throw new CoreError(
      code,
      `No answer came back from Zilliz Cloud, and no new backup has appeared yet: the outcome is unknown. Backup Desk keeps checking; you can try again ${retryText(this.deps.now() + waitMs)}.`,
      { retryAfterMs: waitMs }
    )
  }

  /** Settles this connection's uncertain create requests (after a sync proved the API reachable). */
  async reconcile(connectionId: string, client: ZillizClient): Promise<void> {
    for (const intent of listPendingIntents(this.deps.db, { connectionId, kind: 'create' })) await settleIntent(this.deps, client, intent)
  }

  private clusterOf(target: ClusterTarget): { clusterId: string; connectionId: string } {
    return findCachedCluster(this.deps.db, target)
  }
}

/** "after 02:31 UTC": the answer is read in the GUI and in logs, so it names a clock time, not a duration. */
function retryText(atMs: number): string {
  return `after ${new Date(atMs).toISOString().slice(11, 16)} UTC`
}

function pendingJob(jobId: string, type: string): Job {
  return { jobId, type, status: 'PENDING', progress: 0, startTime: null, endTime: null, reason: '' }
}
