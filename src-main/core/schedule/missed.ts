import type { NoticeDraft } from './ledger.ts'
import { missedNotice, unverifiedMissedNotice } from './messages.ts'
import { DAY_MS, projectWindows, type ProjectedWindow } from './projection.ts'
import type { WatchInputs, WatchPolicy } from './watch-inputs.ts'

/**
 * `missed` is raised only when a sync PROVES the window produced no AUTO backup. A window is decided when
 * its deadline D = end + grace has passed AND the connection's last successful sync started at or after D
 * (so its backup list includes anything created in [start, D]) AND before start + retention (after that,
 * a backup from the window could already have expired off the list — a false alarm we refuse to raise).
 *
 * A window still undecided `verifyWaitMs` after D (offline, sync failing) gets one `missed-unverified`
 * notice instead: a warning that says it cannot be verified. It has its own ledger key, so once a sync
 * decides the window, the real `missed` is still raised exactly once — or, if the backup was there, the
 * unverified notice is marked read. Windows older than the per-connection watermark are never re-checked.
 */
type MissedInput = {
  inputs: WatchInputs
  policies: readonly WatchPolicy[]
  nowMs: number
  graceMs: number
  verifyWaitMs: number
  lookbackMs: number
  /** Deadlines up to this instant are decided (or not to be judged) for the connection. */
  decidedThrough(connectionId: string): number
  /** Message bodies give times in this zone next to UTC. */
  timeZone: string
}

type MissedOutcome = {
  drafts: NoticeDraft[]
  /** Windows a sync found a backup for: their unverified notice, if any, is resolved. */
  confirmedOk: ProjectedWindow[]
  /** New watermarks per connection. */
  decided: Map<string, number>
}

export function checkMissed(m: MissedInput): MissedOutcome {
  const out: MissedOutcome = { drafts: [], confirmedOk: [], decided: new Map() }
  for (const [connectionId, policies] of groupByConnection(m.policies)) {
    const syncedFrom = m.inputs.lastSuccessfulSync(connectionId)
    const lower = Math.max(m.decidedThrough(connectionId), m.nowMs - m.lookbackMs)
    const retention = new Map(policies.map((p) => [p.clusterId, p.retentionDays * DAY_MS]))
    const windows = projectWindows(policies, lower - m.graceMs - DAY_MS, m.nowMs).filter((w) => {
      const deadline = w.endMs + m.graceMs
      return deadline > lower && deadline <= m.nowMs
    })
    const decidable: ProjectedWindow[] = []
    for (const w of windows) {
      const deadline = w.endMs + m.graceMs
      const keep = retention.get(w.clusterId) ?? 0
      const isCovered = syncedFrom !== null && syncedFrom >= deadline
      const isStillListed = keep <= 0 || syncedFrom === null || syncedFrom < w.startMs + keep
      if (isCovered && isStillListed) decidable.push(w)
      else if (isCovered) out.drafts.push(unverifiedMissedNotice(w, 'synced-too-late', m.timeZone))
      else if (deadline + m.verifyWaitMs <= m.nowMs) out.drafts.push(unverifiedMissedNotice(w, 'not-synced', m.timeZone))
    }
    decide(m, connectionId, decidable, m.graceMs, out)
    if (syncedFrom !== null && syncedFrom > lower) out.decided.set(connectionId, Math.min(syncedFrom, m.nowMs))
  }
  return out
}

/** One query per distinct window instant (policies share few start times), not one per cluster. */
function decide(m: MissedInput, connectionId: string, windows: readonly ProjectedWindow[], graceMs: number, out: MissedOutcome): void {
  const byInstant = new Map<string, ProjectedWindow[]>()
  for (const w of windows) {
    const key = `${w.startMs}/${w.endMs}`
    const group = byInstant.get(key)
    if (group === undefined) byInstant.set(key, [w])
    else group.push(w)
  }
  for (const group of byInstant.values()) {
    const first = group[0]
    if (first === undefined) continue
    const ids = group.map((w) => w.clusterId)
    const found = m.inputs.clustersWithAutoBackupIn(connectionId, ids, first.startMs, first.endMs + graceMs)
    for (const w of group) {
      if (found.has(w.clusterId)) out.confirmedOk.push(w)
      else out.drafts.push(missedNotice(w, m.timeZone))
    }
  }
}

function groupByConnection(policies: readonly WatchPolicy[]): Map<string, WatchPolicy[]> {
  const groups = new Map<string, WatchPolicy[]>()
  for (const p of policies) {
    const group = groups.get(p.connectionId)
    if (group === undefined) groups.set(p.connectionId, [p])
    else group.push(p)
  }
  return groups
}
