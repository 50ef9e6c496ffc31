import type { NoticeDraft } from './ledger.ts'
import {
  expiredNotice,
  expiringNotice,
  failedNotice,
  stuckNotice,
  upcomingNotice
} from './messages.ts'
import { projectWindows } from './projection.ts'
import type { WatchTimings } from './settings.ts'
import type { WatchInputs, WatchPolicy } from './watch-inputs.ts'

/**
 * The notices due at `nowMs`, except `missed` (see missed.ts). Queries skip what the ledger already holds,
 * and the ledger's unique key still turns any repeat into a no-op.
 */
type RuleInput = {
  inputs: WatchInputs
  policies: readonly WatchPolicy[]
  nowMs: number
  timings: WatchTimings
  /** `expired` and `failed` look back no further than this (the first run, or a very long downtime). */
  lookbackMs: number
  /** When the watch first started: what expired before it is not reported. */
  sinceMs: number
  /** Message bodies give times in this zone next to UTC. */
  timeZone: string
}

function upcomingDue(r: RuleInput): NoticeDraft[] {
  const lead = r.timings.upcomingLeadMs
  return projectWindows(r.policies, r.nowMs, r.nowMs + lead + 1)
    .filter((w) => w.startMs > r.nowMs && w.startMs <= r.nowMs + lead)
    .map((w) => upcomingNotice(w, r.timeZone))
}

function expiringDue(r: RuleInput): NoticeDraft[] {
  return r.inputs
    .availableExpiringIn(r.nowMs, r.nowMs + r.timings.expiringLeadMs, 'expiring')
    .map((b) => expiringNotice(b, b.expireTimeMs ?? r.nowMs, r.timeZone))
}

/** Expiries that passed since the watch began (at most `lookbackMs` ago) for backups cached as AVAILABLE. */
function expiredDue(r: RuleInput): NoticeDraft[] {
  const from = Math.max(r.sinceMs, r.nowMs - r.lookbackMs)
  return r.inputs
    .availableExpiringIn(from, r.nowMs, 'expired')
    .map((b) => expiredNotice(b, b.expireTimeMs ?? r.nowMs, r.timeZone))
}

function stuckDue(r: RuleInput): NoticeDraft[] {
  return r.inputs
    .creatingSince(r.nowMs - r.timings.stuckLimitMs)
    .map((b) => stuckNotice(b, r.timings.stuckLimitMs, r.timeZone))
}

function failedDue(r: RuleInput): NoticeDraft[] {
  return r.inputs.failedJobsEndedIn(r.nowMs - r.lookbackMs, r.nowMs).map((j) => failedNotice(j, r.timeZone))
}

export function allDue(r: RuleInput): NoticeDraft[] {
  return [...upcomingDue(r), ...expiringDue(r), ...expiredDue(r), ...stuckDue(r), ...failedDue(r)]
}
