import { CoreError, isCoreError } from '#contract/errors'
import type { SyncResult } from '#contract/commands/sync'
import type { MirroredPolicy } from '#contract/models/cluster'
import { policiesEqual } from '#contract/models/policy'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { ClientPool } from '../connections/client-pool.ts'
import type { EventBus } from '../lib/event-bus.ts'
import type { Logger } from '../lib/logger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { listMirroredPolicies } from '../store/cache.query.ts'
import { recordPolicyChange } from '../store/history.repo.ts'
import { markStale, replaceBackups, replaceClusters, replacePolicies, replaceProjects, type CachedList } from '../store/mirror.repo.ts'
import { recordSyncFinished, recordSyncStarted } from '../store/sync-state.repo.ts'
import { toIso } from '../store/time.ts'

export type SyncEngineDeps = {
  db: StoreDatabase
  pool: ClientPool
  events: EventBus
  logger: Logger
  now: () => number
  /** Runs after every successful sync of a connection (job refresh, outbox drain, re-plan). */
  afterSync: (connectionId: string, client: ZillizClient) => Promise<void>
}

/**
 * Mirrors one connection: projects → clusters → policies of Dedicated clusters and every backup
 * (organization-wide pages, in parallel with the policies: they are different endpoints with their own
 * rate budgets) → tracked jobs. Each list replaces its cached copy in one transaction, and only once
 * every page of it arrived, so a failure leaves the cache as it was (marked stale).
 */
export class SyncEngine {
  private readonly running = new Map<string, Promise<SyncResult>>()

  constructor(private readonly deps: SyncEngineDeps) {}

  isRunning(connectionId: string): boolean {
    return this.running.has(connectionId)
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
    recordSyncStarted(db, connectionId, started)
    try {
      const c = await this.deps.pool.get(connectionId)
      const requestsBefore = totalRequests(c)
      events.emit('sync/progressed', { connectionId, phase: 'projects', done: 0, total: null })
      const projects = await c.listProjects()
      replaceProjects(db, connectionId, projects.map((p) => ({ ...p, connectionId })))
      pending.delete('projects')

      events.emit('sync/progressed', { connectionId, phase: 'clusters', done: 0, total: null })
      const clusters = (await c.listClusters()).map((cluster) => ({ ...cluster, connectionId }))
      replaceClusters(db, connectionId, clusters)
      pending.delete('clusters')

      const dedicated = clusters.filter((cluster) => cluster.deployment === 'Dedicated')
      const [policies, backups] = await Promise.all([
        this.fetchPolicies(c, connectionId, dedicated.map((d) => d.clusterId)),
        c.listAllBackups({}, (p) => {
          events.emit('sync/progressed', { connectionId, phase: 'backups', done: p.fetched, total: p.total })
        })
      ])
      this.recordRemoteChanges(connectionId, policies)
      replacePolicies(db, connectionId, policies)
      pending.delete('policies')
      replaceBackups(db, connectionId, backups.map((b) => ({ ...b, connectionId })))
      pending.delete('backups')

      events.emit('sync/progressed', { connectionId, phase: 'jobs', done: 0, total: null })
      await this.deps.afterSync(connectionId, c)
      const result: SyncResult = {
        clusters: clusters.length,
        policies: policies.length,
        backups: backups.length,
        requests: totalRequests(c) - requestsBefore,
        durationMs: this.deps.now() - started
      }
      recordSyncFinished(db, connectionId, null, this.deps.now())
      events.emit('sync/finished', { connectionId, ok: true })
      this.deps.logger.info('sync finished', { connectionId, ...result })
      return result
    } catch (error) {
      const coreError = isCoreError(error) ? error : new CoreError('internal', 'The sync failed unexpectedly.', undefined, { cause: error })
      if (!isCoreError(error)) this.deps.logger.error('sync crashed', { connectionId, error: String(error) })
      if (pending.size > 0) markStale(db, connectionId, [...pending])
      recordSyncFinished(db, connectionId, coreError.message, this.deps.now())
      events.emit('sync/finished', { connectionId, ok: false, error: coreError.toJSON() })
      throw coreError
    }
  }

  private async fetchPolicies(client: ZillizClient, connectionId: string, clusterIds: string[]): Promise<MirroredPolicy[]> {
    const previous = new Map(listMirroredPolicies(this.deps.db, { connectionId }).map((p) => [p.clusterId, p]))
    let done = 0
    const total = clusterIds.length
    this.deps.events.emit('sync/progressed', { connectionId, phase: 'policies', done, total })
    const results = await Promise.all(
      clusterIds.map(async (clusterId): Promise<MirroredPolicy | null> => {
        try {
          const reading = await client.getPolicy(clusterId)
          return { clusterId, policy: reading.policy, readAt: toIso(this.deps.now()) }
        } catch (error) {
          // A cluster the API refuses to describe (being deleted, not yet ready) keeps its last mirror.
          if (isCoreError(error) && error.code === 'api/rejected') return previous.get(clusterId) ?? null
          throw error
        } finally {
          done++
          if (done === total || done % 10 === 0) this.deps.events.emit('sync/progressed', { connectionId, phase: 'policies', done, total })
        }
      })
    )
    return results.filter((p): p is MirroredPolicy => p !== null)
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
