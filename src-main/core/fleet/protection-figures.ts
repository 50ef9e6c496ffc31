import type { ProtectionFigures } from '#contract/commands/cluster'
import type { HealthCause, HealthLevel } from '#contract/health'
import { achievedRpo, protectionClassOf, RPO_PERIOD_MS } from '#contract/protection'
import type { StoreDatabase } from '../store/database.ts'
import { goodBackupTimes, restorablePoints } from '../store/protection.query.ts'
import { toIso } from '../store/time.ts'

export type FiguresScope = { connectionId?: string; clusterIds?: readonly string[] }

/**
 * Each cluster's protection figures: achieved RPO from the backup history, restorable points from the cache,
 * the class from its health. Two grouped queries for the whole scope, whatever its size.
 */
export function protectionFigures(
  db: StoreDatabase,
  scope: FiguresScope,
  healths: ReadonlyMap<string, { level: HealthLevel; cause: HealthCause }>,
  nowMs: number
): Map<string, ProtectionFigures> {
  const times = goodBackupTimes(db, scope, nowMs - RPO_PERIOD_MS, nowMs)
  const points = restorablePoints(db, scope)
  const out = new Map<string, ProtectionFigures>()
  for (const [clusterId, health] of healths) {
    const good = times.get(clusterId) ?? []
    const rpo = achievedRpo(good, nowMs)
    const newestGood = good.at(-1)
    const restorable = points.get(clusterId)
    out.set(clusterId, {
      class: protectionClassOf(health.level, health.cause),
      rpoMs: rpo.longestGapMs,
      newestGood: newestGood === undefined ? null : toIso(newestGood),
      restorablePoints: restorable?.count ?? 0,
      oldestRestorable: restorable === undefined ? null : toIso(restorable.oldestMs)
    })
  }
  return out
}
