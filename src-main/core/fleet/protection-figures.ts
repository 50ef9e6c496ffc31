import type { ProtectionFigures } from '#contract/commands/cluster'
import type { HealthCause, HealthLevel } from '#contract/health'
import { protectionClassOf, RPO_PERIOD_MS, shownRpo } from '#contract/protection'
import { clusterKey } from '../store/cluster-scope.ts'
import type { StoreDatabase } from '../store/database.ts'
import { goodBackupGaps, knownSinceTimes, newestKeptBackups, restorablePoints, type NewestKept } from '../store/protection.query.ts'
import { loadNotificationSettings } from '../schedule/settings.ts'
import { createSettingsRepo } from '../store/settings.repo.ts'
import { toIso } from '../store/time.ts'

type FiguresScope = { connectionId: string; clusterIds?: readonly string[] }

/**
 * Each cluster's protection figures: achieved RPO from the backup history (only the time since the cluster's backups
 * are known, contract/protection.ts `achievedRpo`, the same path for every cluster alike), restorable
 * points from the cache, the class from its health. A few grouped reads for the whole scope, whatever its size.
 */
export function protectionFigures(
  db: StoreDatabase,
  scope: FiguresScope,
  healths: ReadonlyMap<string, { level: HealthLevel; cause: HealthCause }>,
  nowMs: number
): Map<string, ProtectionFigures> {
  const gaps = goodBackupGaps(db, scope, nowMs - RPO_PERIOD_MS, nowMs)
  const knownSince = knownSinceTimes(db, scope)
  const points = restorablePoints(db, scope)
  const kept = newestKeptBackups(db, scope)
  // The same lead as the `expiring` notice (Settings → Notifications), so the offer and the notice agree.
  const leadMs = loadNotificationSettings(createSettingsRepo(db)).expiringLeadHours * 3_600_000
  const out = new Map<string, ProtectionFigures>()
  for (const [clusterId, health] of healths) {
    const good = gaps.get(clusterId)
    const since = knownSince.get(clusterId) ?? null
    const restorable = points.get(clusterKey(scope.connectionId, clusterId))
    const protectionClass = protectionClassOf(health.level, health.cause)
    out.set(clusterId, {
      class: protectionClass,
      rpoMs: shownRpo(protectionClass, good?.rpoMs ?? null),
      knownSince: since === null ? null : toIso(since),
      newestGood: good === undefined || good.newestMs === null ? null : toIso(good.newestMs),
      restorablePoints: restorable?.count ?? 0,
      oldestRestorable: restorable === undefined ? null : toIso(restorable.oldestMs),
      keepCopy: keepCopyOffer(kept.get(clusterId), nowMs, leadMs)
    })
  }
  return out
}

function keepCopyOffer(newest: NewestKept | undefined, nowMs: number, leadMs: number): ProtectionFigures['keepCopy'] {
  if (newest === undefined || newest.status !== 'AVAILABLE' || newest.expireMs === null) return null
  if (newest.expireMs <= nowMs || newest.expireMs > nowMs + leadMs) return null
  return { backupId: newest.backupId, backupName: newest.backupName, expireTime: toIso(newest.expireMs), size: newest.size }
}
