import type { HealthLevel } from '#contract/health'
import type { StoreDatabase } from '../store/database.ts'
import { dataGeneration } from '../store/data-generation.query.ts'
import { judgeClusters, judgeSituations, organizationHealth, readSituations, type ClusterHealthEntry, type ConnectionHealth, type FleetSituations } from './fleet-health.ts'

type Read = { generation: string; situations: FleetSituations }

type Judged = {
  generation: string
  judgedAt: number
  /** Every level stays as judged until this instant (fleet-health.ts `judgeSituations`). */
  steadyUntil: number
  levels: { connectionId: string; level: HealthLevel }[]
  organizations: Map<string, HealthLevel>
  /** Each connection's clusters' judged health, by cluster ID: its level and cause hold until `steadyUntil`. */
  connections: Map<string, Map<string, ClusterHealthEntry>>
}

/**
 * What the whole fleet's health is judged from, read once per change of the database, and the levels judged from it,
 * for the callers that ask often: `sync/status` after every sync event, the watcher's tray summary (which judges the
 * fleet at the end of every sync), and the Fleet's reads (`cluster/list-window`, `cluster/list`), whose first answer
 * after a sync then reads no cluster, policy or health fact again (bench/ui-fleet). Reading them (1,000 clusters:
 * the policies parsed, the facts grouped) was most of a judgement; judging them is a pass over objects in memory.
 *
 * What is read is reused while the database is unchanged (`dataGeneration`: any write, by the sync, an action, a
 * job, the ledger, a draft applied, a setting, the CLI): every writer invalidates it, none has to say so. What depends
 * on the time is never kept: the Fleet's healths are judged against the instant asked; the levels are reused only
 * until the first instant one could turn by time alone (`healthSteadyUntil`: stuck, just enabled, the first
 * backup's grace, a backup growing too old), so neither is ever shown late.
 */
export class FleetHealthCache {
  private read: Read | undefined
  private judged: Judged | undefined

  constructor(private readonly db: StoreDatabase) {}

  /** Each connection's worst cluster level at `nowMs`; a connection with no cluster to judge is absent. */
  organizations(nowMs: number): ReadonlyMap<string, HealthLevel> {
    return this.current(nowMs).organizations
  }

  /** Every cached cluster's level at `nowMs`. */
  levels(nowMs: number): HealthLevel[] {
    return this.current(nowMs).levels.map((entry) => entry.level)
  }

  /**
   * One connection's cached clusters and their policies, each cluster's level and cause at `nowMs` (the judgement
   * the levels come from), and the whole health of the clusters asked, judged at `nowMs` (a reason names an age).
   */
  connection(connectionId: string, nowMs: number): ConnectionHealth {
    const read = this.situations()
    const judged = this.current(nowMs, read)
    const { stuckLimitMs, fleets } = read.situations
    const fleet = fleets.get(connectionId)
    if (fleet === undefined) return { rows: { clusters: [], policies: new Map() }, levels: new Map(), healthsOf: () => new Map() }
    return {
      rows: fleet.rows,
      levels: judged.connections.get(connectionId) ?? new Map(),
      healthsOf: (clusters) => judgeClusters(fleet.situations, clusters, stuckLimitMs, nowMs)
    }
  }

  private situations(): Read {
    const generation = dataGeneration(this.db)
    if (this.read?.generation !== generation) this.read = { generation, situations: readSituations(this.db) }
    return this.read
  }

  private current(nowMs: number, read: Read = this.situations()): Judged {
    const { generation, situations } = read
    const judged = this.judged
    if (judged !== undefined && judged.generation === generation && nowMs >= judged.judgedAt && nowMs < judged.steadyUntil) return judged
    const { entries, steadyUntil } = judgeSituations(situations, nowMs)
    const levels = [...entries.values()].map(({ connectionId, level }) => ({ connectionId, level }))
    const connections = new Map<string, Map<string, ClusterHealthEntry>>()
    for (const entry of entries.values()) {
      const own = connections.get(entry.connectionId) ?? new Map<string, ClusterHealthEntry>()
      own.set(entry.clusterId, entry)
      connections.set(entry.connectionId, own)
    }
    this.judged = { generation, judgedAt: nowMs, steadyUntil, levels, organizations: organizationHealth(levels), connections }
    return this.judged
  }
}
