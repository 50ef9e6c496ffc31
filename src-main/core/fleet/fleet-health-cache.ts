import type { HealthLevel } from '#contract/health'
import type { StoreDatabase } from '../store/database.ts'
import { dataGeneration } from '../store/data-generation.query.ts'
import { judgeFleet, organizationHealth } from './fleet-health.ts'

type Judged = {
  generation: string
  judgedAt: number
  /** Every level stays as judged until this instant (fleet-health.ts `judgeFleet`). */
  steadyUntil: number
  levels: { connectionId: string; level: HealthLevel }[]
  organizations: Map<string, HealthLevel>
}

/**
 * The whole fleet's health levels, judged once per change of what they depend on, for the callers that ask often
 * and want levels only (`sync/status` after every sync event, the watcher's tray summary): judging 1,000 clusters
 * took ≈ 200 ms on a loaded host right after a sync, and a search waited behind it. A judgement is reused while
 * the database is unchanged (`dataGeneration`: any write, by the sync, an action, a job, the ledger, a setting, the
 * CLI) and the clock has not reached the first instant a level could turn by time alone (`healthSteadyUntil`:
 * stuck, just enabled, the first backup's grace, a backup growing too old), so it is never shown late.
 */
export class FleetHealthCache {
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

  private current(nowMs: number): Judged {
    const generation = dataGeneration(this.db)
    const judged = this.judged
    if (judged !== undefined && judged.generation === generation && nowMs >= judged.judgedAt && nowMs < judged.steadyUntil) return judged
    const { entries, steadyUntil } = judgeFleet(this.db, nowMs)
    const levels = [...entries.values()].map(({ connectionId, level }) => ({ connectionId, level }))
    this.judged = { generation, judgedAt: nowMs, steadyUntil, levels, organizations: organizationHealth(levels) }
    return this.judged
  }
}
