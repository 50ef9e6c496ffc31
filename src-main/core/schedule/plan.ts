import { firstStartAfter, preparePolicies } from './projection.ts'
import type { WatchTimings } from './settings.ts'
import type { WatchInputs, WatchPolicy } from './watch-inputs.ts'

type PlanInput = {
  inputs: WatchInputs
  policies: readonly WatchPolicy[]
  nowMs: number
  timings: WatchTimings
  verifyWaitMs: number
  /** When held notices are released; null when nothing is held. */
  quietEndMs: number | null
  /** The latest the timer may sleep, so a wall-clock jump the host did not report is still noticed. */
  checkpointMs: number
}

/**
 * The one next instant anything can fall due, strictly after now: the earliest of an upcoming warning, an
 * unverified-window deadline, an expiring warning, an expiry, a stuck deadline, the end of quiet hours and
 * the checkpoint. Backups are asked for with indexed MIN queries, never loaded. `missed` proper needs a
 * sync, and every sync re-plans, so it has no instant of its own.
 */
export function nextDueAt(p: PlanInput): number {
  const { nowMs: now, timings: t } = p
  const candidates: number[] = [now + p.checkpointMs]
  for (const policy of preparePolicies(p.policies)) {
    const warnStart = firstStartAfter(policy, now + t.upcomingLeadMs)
    if (warnStart !== null) candidates.push(warnStart - t.upcomingLeadMs)
    // The first window whose unverified deadline (end + grace + wait) is still ahead.
    const afterEnd = t.missedGraceMs + p.verifyWaitMs + policy.lengthMs
    const unverifiedStart = firstStartAfter(policy, now - afterEnd)
    if (unverifiedStart !== null) candidates.push(unverifiedStart + afterEnd)
  }
  const nextExpiring = p.inputs.nextExpiryAfter(now + t.expiringLeadMs)
  if (nextExpiring !== null) candidates.push(nextExpiring - t.expiringLeadMs)
  const nextExpiry = p.inputs.nextExpiryAfter(now)
  if (nextExpiry !== null) candidates.push(nextExpiry)
  const nextStuckFrom = p.inputs.nextCreatingAfter(now - t.stuckLimitMs)
  if (nextStuckFrom !== null) candidates.push(nextStuckFrom + t.stuckLimitMs)
  if (p.quietEndMs !== null) candidates.push(p.quietEndMs)
  return Math.min(...candidates.filter((c) => c > now))
}
