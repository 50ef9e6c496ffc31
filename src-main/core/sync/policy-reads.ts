import type { MirroredPolicy } from '#contract/models/cluster'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { SyncEngine } from './sync-engine.ts'

/**
 * At most this many policy reads of one sync are waiting at the rate limiter or in flight; the others wait here.
 * The limiter sends ≈ 18 a second, a few in flight at any latency, so more gains nothing, while each operation's
 * deadline (limits.ts `operationTimeoutMs`) runs from the moment it is queued there: the reads of 1,000 clusters
 * started at once left the last ones waiting for their turn past that deadline (the same reason as paginate.ts
 * `MAX_PAGES_IN_FLIGHT`).
 */
export const MAX_POLICY_READS_IN_FLIGHT = 16

/** The policy reads of one sync: some start before the cluster list is known, the rest once it is. */
export class PolicyReads {
  private readonly started = new Map<string, Promise<MirroredPolicy | null>>()
  private readonly previous: Map<string, MirroredPolicy>
  /** Reads waiting for one of the `MAX_POLICY_READS_IN_FLIGHT` slots, in the order they were asked for. */
  private readonly waiting: { go: () => void; cancel: (error: Error) => void }[] = []
  private inFlight = 0

  constructor(
    private readonly engine: SyncEngine,
    private readonly client: ZillizClient,
    private readonly connectionId: string
  ) {
    this.previous = engine.previousPolicies(connectionId)
  }

  /**
   * Starts the reads of clusters expected to be listed (the mirrored Dedicated ones). Their failures are observed
   * here, since the sync may end before `collect` (a failed cluster list) or no longer want them (a dropped cluster).
   */
  prefetch(clusterIds: readonly string[]): void {
    for (const clusterId of clusterIds) {
      this.start(clusterId).catch((error: unknown) => this.engine.logDiscardedRead(this.connectionId, clusterId, error))
    }
  }

  /** The policies of exactly `clusterIds`; prefetched reads of clusters no longer listed are dropped. */
  async collect(clusterIds: readonly string[]): Promise<MirroredPolicy[]> {
    let done = 0
    const total = clusterIds.length
    this.engine.emitPolicyProgress(this.connectionId, done, total)
    const results = await Promise.all(
      clusterIds.map(async (clusterId) => {
        try {
          return await this.start(clusterId)
        } finally {
          done++
          this.engine.emitPolicyProgress(this.connectionId, done, total)
        }
      })
    )
    return results.filter((p): p is MirroredPolicy => p !== null)
  }

  /** The sync failed: reads still waiting for a slot are never sent. */
  cancel(error: Error): void {
    for (const read of this.waiting.splice(0)) read.cancel(error)
  }

  private start(clusterId: string): Promise<MirroredPolicy | null> {
    let read = this.started.get(clusterId)
    if (read === undefined) {
      read = this.slot().then(() => this.engine.readPolicy(this.client, clusterId, this.previous).finally(() => this.release()))
      this.started.set(clusterId, read)
    }
    return read
  }

  private slot(): Promise<void> {
    if (this.inFlight < MAX_POLICY_READS_IN_FLIGHT) {
      this.inFlight++
      return Promise.resolve()
    }
    return new Promise((go, cancel) => this.waiting.push({ go, cancel }))
  }

  /** A read ended: its slot passes to the next waiting read, if any. */
  private release(): void {
    const next = this.waiting.shift()
    if (next === undefined) this.inFlight--
    else next.go()
  }
}
