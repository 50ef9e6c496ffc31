import { failureCauseOf } from '#contract/causes'
import { CoreError, isCoreError } from '#contract/errors'
import type { SyncResult } from '#contract/commands/sync'
import type { MirroredPolicy } from '#contract/models/cluster'
import { policiesEqual } from '#contract/models/policy'
import type { ApiProject } from '../api/normalize.ts'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { ClientPool } from '../connections/client-pool.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { Logger } from '../lib/logger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listClusters, listMirroredPolicies } from '../store/cache.query.ts'
import { reattachOrphanDrafts } from '../store/draft-attachment.query.ts'
import { recordPolicyChange } from '../store/history.repo.ts'
import { stageBackups } from '../store/backup-staging.repo.ts'
import { markStale, replaceClusters, replacePolicies, replaceProjects, type CachedList } from '../store/mirror.repo.ts'
import { recordObservedBackups } from '../store/observed-backups.repo.ts'
import { recordClusterWatch } from '../store/cluster-watch.repo.ts'
import { recordSyncFinished, recordSyncStarted } from '../store/sync-state.repo.ts'
import { toIso } from '../store/time.ts'
import { PolicyReads } from './policy-reads.ts'

const OFFLINE_CODES: ReadonlySet<string> = new Set(['api/unreachable', 'api/timeout'])

type SyncEngineDeps = {
  db: StoreDatabase
  pool: ClientPool
  events: EventBus
  logger: Logger
  now: () => number
  /** Runs after every successful sync of a connection (job refresh, outbox drain, re-plan). */
  afterSync: (connectionId: string, client: ZillizClient) => Promise<void>
  /** The connection's backup cache was just replaced (before the sync ends): indexes over it must follow now. */
  onBackupsReplaced?: (connectionId: string) => void
}

/**
 * Mirrors one connection: the first page of the clusters, then together the projects, the other cluster pages, the
 * policies of Dedicated clusters (those already mirrored at once, new ones as their page arrives) and every backup
 * (organization-wide pages: different endpoints with their own rate budgets) → tracked jobs. Each list replaces its
 * cached copy in one transaction, and only once every page of it arrived, so a failure leaves the cache as it was
 * (marked stale).
 */
export class SyncEngine {
  private readonly running = new Map<string, Promise<SyncResult>>()
  /** Connections whose last sync could not reach the API (`sync/status` shows them offline). */
  private readonly offline = new Set<string>()

  constructor(private readonly deps: SyncEngineDeps) {}

  isRunning(connectionId: string): boolean {
    return this.running.has(connectionId)
  }

  /** Whether the last sync of a connection failed for want of the network (an API refusal is not "offline"). */
  isOffline(connectionId: string): boolean {
    return this.offline.has(connectionId)
  }

  /** One sync at a time per connection: a second call joins the one in flight. */
  run(connectionId: string): Promise<SyncResult> {
    const inFlight = this.running.get(connectionId)
    if (inFlight !== undefined) return inFlight
    const run = this.runOnce(connectionId).finally(() => this.running.delete(connectionId))
    this.running.set(connectionId, run)
    return run
  }

  private async runOnce(connectionId: string): Promise<SyncResult> {
    const { db, events } = this.deps
    const started = this.deps.now()
    const pending = new Set<CachedList>(['projects', 'clusters', 'policies', 'backups'])
    let hasFailed = false
    let policies: PolicyReads | undefined
    recordSyncStarted(db, connectionId, started)
    try {
      const c = await this.deps.pool.get(connectionId)
      const requestsBefore = totalRequests(c)
      // The first request is the cluster list's (below); the projects are read with the rest once its first page is in.
      events.emit('sync/progressed', { connectionId, phase: 'clusters', done: 0, total: null })
      // The policy reads are the largest number of calls to one endpoint, so they set the pace of the whole sync:
      // those of the Dedicated clusters already mirrored start with the rest, and those of clusters found new start
      // as soon as their page of the cluster list arrives (a first sync knows none: it must not wait for every page).
      const reads = new PolicyReads(this, c, connectionId)
      policies = reads
      const prefetchDedicated = (listed: readonly { clusterId: string; deployment: string }[]): void => {
        reads.prefetch(listed.filter((cl) => cl.deployment === 'Dedicated').map((cl) => cl.clusterId))
      }
      // One request first, the cluster list's first page: when Zilliz Cloud is unreachable the sync fails after
      // that request's own retries, instead of a fan-out of failing calls opening the circuit breaker
      // (docs/reliability.md#r26) for the syncs that follow. It is the page the first policy reads wait for, so the
      // projects, the backup list and the mirrored clusters' policies start the moment it arrives, overlapped with
      // everything else.
      let rest: { projects: Promise<ApiProject[]>; backups: Promise<number> } | undefined
      const onClusterPage = (listed: readonly { clusterId: string; deployment: string }[]): void => {
        if (rest === undefined) {
          rest = { projects: observed(c.listProjects(), 'project list', connectionId, this.deps.logger), backups: this.readBackups(c, connectionId, { hasFailed: () => hasFailed, replaced: () => pending.delete('backups') }) }
          prefetchDedicated(listClusters(db, { connectionId }))
        }
        prefetchDedicated(listed)
      }
      const clusters = (await c.listClusters(undefined, onClusterPage)).map((cluster) => ({ ...cluster, connectionId }))
      if (rest === undefined) throw new CoreError('internal', 'The cluster list ended before its first page.')
      const backupsRun = rest.backups
      const projects = await rest.projects
      replaceProjects(db, connectionId, projects.map((p) => ({ ...p, connectionId })))
      pending.delete('projects')
      replaceClusters(db, connectionId, clusters)
      // Drafts kept when a connection to this organization was removed come back with its clusters (see the module).
      for (const id of reattachOrphanDrafts(db, connectionId)) this.deps.logger.info('draft re-attached', { connectionId, draftId: id })
      pending.delete('clusters')

      const dedicated = clusters.filter((cluster) => cluster.deployment === 'Dedicated')
      const [policyList, backups] = await Promise.all([reads.collect(dedicated.map((d) => d.clusterId)), backupsRun])
      this.recordRemoteChanges(connectionId, policyList)
      replacePolicies(db, connectionId, policyList)
      pending.delete('policies')
      // Clusters, policies and the complete backup list are all cached now: new clusters become watched from here.
      recordClusterWatch(db, connectionId, this.deps.now())

      events.emit('sync/progressed', { connectionId, phase: 'jobs', done: 0, total: null })
      await this.deps.afterSync(connectionId, c)
      const result: SyncResult = {
        clusters: clusters.length,
        policies: policyList.length,
        backups,
        requests: totalRequests(c) - requestsBefore,
        durationMs: this.deps.now() - started
      }
      recordSyncFinished(db, connectionId, null, this.deps.now())
      this.offline.delete(connectionId)
      events.emit('sync/finished', { connectionId, ok: true })
      this.deps.logger.info('sync finished', { connectionId, ...result })
      return result
    } catch (error) {
      hasFailed = true
      const coreError = isCoreError(error) ? error : new CoreError('internal', 'The sync failed unexpectedly.', undefined, { cause: error })
      policies?.cancel(coreError)
      if (!isCoreError(error)) this.deps.logger.error('sync crashed', { connectionId, error: String(error) })
      if (pending.size > 0) markStale(db, connectionId, [...pending])
      recordSyncFinished(db, connectionId, coreError.message, this.deps.now(), failureCauseOf(coreError) ?? 'internal')
      if (OFFLINE_CODES.has(coreError.code)) this.offline.add(connectionId)
      events.emit('sync/finished', { connectionId, ok: false, error: coreError.toJSON() })
      throw coreError
    }
  }

  /**
   * The backup list depends on nothing else and is the longest walk: it runs on its own endpoint (and rate budget)
   * while the clusters and then the policies are read, and replaces its cache as soon as every page arrived (unless
   * the sync already failed). Observed here so that an earlier failure does not leave its rejection unhandled.
   */
  private readBackups(c: ZillizClient, connectionId: string, sync: { hasFailed: () => boolean; replaced: () => void }): Promise<number> {
    const { db, events } = this.deps
    const read = async (): Promise<number> => {
      // Each page is staged as it arrives (store/backup-staging.repo.ts), so the sync never holds the whole list.
      const staging = stageBackups(db, connectionId)
      try {
        const listed = await c.streamAllBackups({
          onPage: (page) => staging.add(page.map((b) => ({ ...b, connectionId }))),
          onRestart: () => staging.discard(),
          onProgress: (p) => events.emit('sync/progressed', { connectionId, phase: 'backups', done: p.fetched, total: p.total })
        })
        if (sync.hasFailed()) return listed
        staging.commit()
        sync.replaced()
        // Right after the complete list replaced the cache: the history sees exactly what the cache holds.
        recordObservedBackups(db, connectionId, this.deps.now())
        this.deps.onBackupsReplaced?.(connectionId)
        return listed
      } finally {
        // Whatever is still staged (a failed walk or sync) is dropped; after a commit there is nothing left. A
        // failure to drop it must not hide the sync's own outcome: the next sync drops it again when it starts.
        try {
          staging.discard()
        } catch (error) {
          this.deps.logger.warn('staged backup list not dropped', { connectionId, error: isCoreError(error) ? error.code : String(error) })
        }
      }
    }
    return observed(read(), 'backup list', connectionId, this.deps.logger)
  }

  /** Reads one cluster's policy; a cluster the API refuses to describe (being deleted, not yet ready) keeps its last mirror. */
  async readPolicy(client: ZillizClient, clusterId: string, previous: ReadonlyMap<string, MirroredPolicy>): Promise<MirroredPolicy | null> {
    try {
      const reading = await client.getPolicy(clusterId)
      return { clusterId, policy: reading.policy, readAt: toIso(this.deps.now()) }
    } catch (error) {
      if (isCoreError(error) && error.code === 'api/rejected') return previous.get(clusterId) ?? null
      throw error
    }
  }

  emitPolicyProgress(connectionId: string, done: number, total: number): void {
    if (done === 0 || done === total || done % 10 === 0) this.deps.events.emit('sync/progressed', { connectionId, phase: 'policies', done, total })
  }

  previousPolicies(connectionId: string): Map<string, MirroredPolicy> {
    return new Map(listMirroredPolicies(this.deps.db, { connectionId }).map((p) => [p.clusterId, p]))
  }

  /** A prefetched read failed; the sync reports the error itself when it needs that read. */
  logDiscardedRead(connectionId: string, clusterId: string, error: unknown): void {
    this.deps.logger.debug('policy read discarded', { connectionId, clusterId, error: isCoreError(error) ? error.code : String(error) })
  }

  /** A policy that differs from its last mirror was changed elsewhere: record it in the history. */
  private recordRemoteChanges(connectionId: string, policies: readonly MirroredPolicy[]): void {
    const previous = new Map(listMirroredPolicies(this.deps.db, { connectionId }).map((p) => [p.clusterId, p.policy]))
    for (const { clusterId, policy } of policies) {
      const before = previous.get(clusterId)
      if (before !== undefined && !policiesEqual(before, policy)) {
        recordPolicyChange(this.deps.db, { connectionId, clusterId, source: 'remote-change', before, after: policy })
      }
    }
  }
}

function totalRequests(client: ZillizClient): number {
  return client.stats().total
}

/** Logs a read's failure where it happens; the sync reports it when (and if) it awaits the read. */
function observed<T>(read: Promise<T>, what: string, connectionId: string, logger: Logger): Promise<T> {
  read.catch((error: unknown) => logger.debug(`${what} read ended`, { connectionId, error: isCoreError(error) ? error.code : String(error) }))
  return read
}
