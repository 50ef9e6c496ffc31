import type { HealthCause, HealthLevel } from '#contract/health'
import type { Deployment } from '#contract/models/cluster'
import type { JobAction } from '#contract/models/job'
import type { BackupPolicy } from '#contract/models/policy'
import { longestGap } from '#contract/policy-rules'
import { durationText } from '#contract/time'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Enabling a policy makes Zilliz start a backup at once (docs/zilliz-api-notes.md#set-policy); a sync may not have seen it yet. */
export const FIRST_BACKUP_GRACE_MS = HOUR_MS

/**
 * Everything known about one cluster that bears on whether it is protected. Times are epoch ms UTC.
 * `store/health.query.ts` reads it from the cache, the policy history and the notification ledger.
 */
export type ClusterSituation = {
  deployment: Deployment
  /** The cluster's status as Zilliz reports it (RUNNING, CREATING, ...). */
  status: string
  /** The mirrored policy; null when it has not been read yet. */
  policy: BackupPolicy | null
  /** When the policy history last saw the policy switched on; null when it never did. */
  enabledAtMs: number | null
  /** Create time of the newest AVAILABLE backup. */
  newestGoodMs: number | null
  /** Create time of the oldest backup still CREATING. */
  creatingSinceMs: number | null
  /**
   * The newest tracked job that ended FAILED, and what it was doing: the automatic backup enabling a policy starts
   * (`first-backup`), a manual backup (`create-backup`), a restore, an export or a delete.
   */
  lastFailedJob: { endMs: number; action: JobAction } | null
  /** Window start of the newest `missed` notice in the ledger (a sync confirmed no backup ran). */
  lastMissedMs: number | null
  /** Window start of the newest `missed-unverified` notice in the ledger. */
  lastUnverifiedMs: number | null
  /** When Backup Desk last stopped looking for the backup enabling started, with none listed (actions/first-backup-watch.ts). */
  firstBackupNotStartedMs: number | null
}

type HealthRules = {
  nowMs: number
  /** A backup CREATING longer than this is stuck (the notification setting of the same name). */
  stuckLimitMs: number
}

export type ClusterHealth = { level: HealthLevel; cause: HealthCause; reason: string }

/**
 * THE health of a cluster: the Fleet row, the cluster details, an organization's dot and the tray all show
 * this result, and the notices it reads (missed, unverified, failed, stuck) can never contradict it.
 *
 * A notice is open until a good backup newer than what it reported exists. Failing outranks warning, which
 * outranks the neutral "first backup running"; a Dedicated cluster with no good backup at all is failing.
 * Issue #16 maps `cause` to its protected / at risk / unprotected / not eligible classes.
 */
export function clusterHealth(s: ClusterSituation, rules: HealthRules): ClusterHealth {
  const { nowMs } = rules
  if (s.deployment !== 'Dedicated') return health('unknown', 'not-eligible', 'Backups are not available for this plan.')
  if (s.policy === null) return health('unknown', 'not-read', 'The backup policy has not been read yet.')
  if (s.status === 'CREATING') return health('pending', 'cluster-not-running', 'The cluster is still being created.')
  const policy = s.policy
  const isStuck = s.creatingSinceMs !== null && nowMs - s.creatingSinceMs > rules.stuckLimitMs
  const isRunningFirst = policy.enabled && s.creatingSinceMs !== null && !isStuck
  const allowedGapMs = allowedGapOf(policy)
  const justEnabled = policy.enabled && s.enabledAtMs !== null && allowedGapMs !== null &&
    s.enabledAtMs > (s.newestGoodMs ?? -Infinity) && nowMs - s.enabledAtMs < allowedGapMs
  // A backup job that failed after enabling, or a first backup Zilliz never listed, is the real outcome: nothing is
  // "on its way" any more.
  const endedSinceEnabled = (atMs: number | null): boolean => atMs !== null && s.enabledAtMs !== null && atMs > s.enabledAtMs
  const failed = s.lastFailedJob
  const isFirstOver = (failed?.action === 'first-backup' && endedSinceEnabled(failed.endMs)) || endedSinceEnabled(s.firstBackupNotStartedMs)
  const isCatchingUp = justEnabled && !isFirstOver && (isRunningFirst || nowMs - (s.enabledAtMs ?? 0) < FIRST_BACKUP_GRACE_MS)
  const isOpen = (atMs: number | null): boolean => atMs !== null && (s.newestGoodMs === null || atMs > s.newestGoodMs)
  const goodAgeMs = s.newestGoodMs === null ? null : nowMs - s.newestGoodMs

  if (goodAgeMs === null) {
    if (isRunningFirst || isCatchingUp) return health('pending', 'first-backup-running', 'The first backup is running.')
    return health('failing', 'no-backup', isStuck ? 'No restorable backup: the only backup has been creating for ' + durationText(nowMs - (s.creatingSinceMs ?? nowMs)) + '.' : 'No restorable backup.')
  }
  if (isOpen(s.lastMissedMs)) return health('failing', 'missed', `A scheduled backup was missed; newest good backup ${durationText(goodAgeMs)} old.`)
  if (allowedGapMs !== null && goodAgeMs > allowedGapMs) {
    if (isCatchingUp) return health('pending', 'first-backup-running', 'Automatic backups were just enabled; the first backup is running.')
    return health('failing', 'backup-too-old', `No good backup for ${durationText(goodAgeMs)}.`)
  }
  if (failed?.action === 'first-backup' && isOpen(failed.endMs)) {
    return health('failing', 'failed-backup-job', 'The automatic backup job failed and no backup has succeeded since.')
  }
  if (isStuck) return health('warning', 'stuck-backup', `A backup has been creating for ${durationText(nowMs - (s.creatingSinceMs ?? nowMs))}.`)
  // A failed manual backup leaves the cluster as protected as its newest good backup, which the tests above found
  // recent enough for its policy: a warning, not "unprotected".
  if (failed !== null && failed.action !== 'first-backup' && isOpen(failed.endMs)) {
    const what = failed.action === 'create-backup' ? 'A manual backup' : 'A job on this cluster'
    return health('warning', 'failed-job', `${what} failed since the newest good backup (${durationText(goodAgeMs)} old).`)
  }
  if (isOpen(s.lastUnverifiedMs)) return health('warning', 'missed-unverified', 'A scheduled backup could not be verified yet.')
  if (s.status !== 'RUNNING') return health('warning', 'cluster-not-running', `The cluster is ${s.status.toLowerCase()}; scheduled backups do not run.`)
  if (!policy.enabled) return health('warning', 'policy-disabled', `Automatic backups are off. Newest good backup ${durationText(goodAgeMs)} old.`)
  return health('ok', 'protected', `Newest good backup ${durationText(goodAgeMs)} old.`)
}

/**
 * The instant up to which `clusterHealth(s, rules)` keeps its level and cause as time passes with nothing else
 * changed: the earliest of the times at which one of its time tests (stuck, just enabled, the first backup's
 * grace, the newest good backup's age) can turn, not before `rules.nowMs`; Infinity when none can. The answer is
 * the same for every instant in [nowMs, steadyUntil): a cache of it (fleet/fleet-health-cache.ts) is never late.
 */
export function healthSteadyUntil(s: ClusterSituation, rules: HealthRules): number {
  const allowedGapMs = s.policy === null ? null : allowedGapOf(s.policy)
  const turns = [
    s.creatingSinceMs === null ? null : s.creatingSinceMs + rules.stuckLimitMs,
    s.enabledAtMs === null || allowedGapMs === null ? null : s.enabledAtMs + allowedGapMs,
    s.enabledAtMs === null ? null : s.enabledAtMs + FIRST_BACKUP_GRACE_MS,
    s.newestGoodMs === null || allowedGapMs === null ? null : s.newestGoodMs + allowedGapMs
  ]
  return Math.min(...turns.filter((at): at is number => at !== null && at >= rules.nowMs))
}

/** How old the newest good backup may grow under an enabled policy (its longest gap + a day); null when disabled. */
function allowedGapOf(policy: BackupPolicy): number | null {
  return policy.enabled ? ((longestGap(policy.frequency)?.days ?? 7) + 1) * DAY_MS : null
}

function health(level: HealthLevel, cause: HealthCause, reason: string): ClusterHealth {
  return { level, cause, reason }
}

