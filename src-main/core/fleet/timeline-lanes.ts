import type { CommandOutput } from '#contract/commands'
import type { TimelineLane, TimelineMark } from '#contract/commands/timeline'
import { scheduleOf, windowsBetween } from '#contract/backup-windows'
import type { StoreDatabase } from '../store/database.ts'
import { listObservedBackups, type ObservedBackup } from '../store/observed-backups.repo.ts'
import { clusterKey } from '../store/cluster-scope.ts'
import { restorablePoints } from '../store/protection.query.ts'
import { toIso } from '../store/time.ts'
import { enabledPoliciesOf, listTimelineExpiries, listTimelineGroups, listTimelineLanes } from '../store/timeline.query.ts'
import { listWindowNotices } from '../store/window-notices.query.ts'

export type TimelineQuery = { fromMs: number; toMs: number; nowMs: number; connectionId?: string; offset: number; limit: number }

/** Marks per lane, keyed by `clusterKey`: two connections' lanes may show the same cluster id, each with its own marks. */
type Marks = Map<string, { ms: number; mark: TimelineMark }[]>

/**
 * The Timeline picture's answer for one page of lanes: a fixed handful of queries whatever the page size (lanes,
 * groups, observed backups, expiries, ledger notices, restorable points, policies), never one per cluster.
 * Past backups come from the history (so expired and deleted ones stay), missed windows and failed jobs from the
 * notification ledger (what the admin was told), future windows from contract/backup-windows.ts.
 */
export function timelineLanes(db: StoreDatabase, q: TimelineQuery): CommandOutput<'timeline/lanes'> {
  const scope = q.connectionId === undefined ? {} : { connectionId: q.connectionId }
  const groups = listTimelineGroups(db, scope)
  const rows = listTimelineLanes(db, { ...scope, offset: q.offset, limit: q.limit })
  const total = groups.reduce((sum, g) => sum + g.lanes, 0)
  if (rows.length === 0) return { total, groups, lanes: [] }
  const clusterIds = rows.map((r) => r.clusterId)
  const marks: Marks = new Map()
  const add = (at: { connectionId: string; clusterId: string }, ms: number, mark: TimelineMark): void => {
    const key = clusterKey(at.connectionId, at.clusterId)
    const list = marks.get(key) ?? []
    list.push({ ms, mark })
    marks.set(key, list)
  }
  for (const o of listObservedBackups(db, { clusterIds, fromMs: q.fromMs, toMs: q.toMs })) {
    const kind = backupKind(o)
    if (kind !== null) add(o, o.createMs, { kind, at: toIso(o.createMs), backupId: o.backupId, backupName: o.backupName })
  }
  for (const e of listTimelineExpiries(db, clusterIds, q.fromMs, q.toMs)) {
    add(e, e.expireMs, { kind: 'expiry', at: toIso(e.expireMs), backupId: e.backupId, backupName: e.backupName })
  }
  for (const n of listWindowNotices(db, { connectionId: q.connectionId, clusterIds, fromMs: q.fromMs, toMs: q.toMs })) add(n, n.slotMs, { kind: n.kind, at: toIso(n.slotMs) })
  // Expected windows only from now on: a past window shows as its backup, or as missed.
  const windowsFrom = Math.max(q.fromMs, q.nowMs)
  for (const policy of enabledPoliciesOf(db, clusterIds)) {
    const schedule = scheduleOf(policy.frequency, policy.startTime)
    if (schedule === null) continue
    for (const w of windowsBetween(schedule, windowsFrom, q.toMs)) {
      add(policy, w.startMs, { kind: 'window', at: toIso(w.startMs), end: toIso(w.endMs) })
    }
  }
  const restorable = restorablePoints(db, { clusterIds })
  const lanes = rows.map((r): TimelineLane => {
    const span = restorable.get(clusterKey(r.connectionId, r.clusterId))
    const sorted = (marks.get(clusterKey(r.connectionId, r.clusterId)) ?? []).sort((a, b) => a.ms - b.ms)
    return {
      ...r,
      restorable: span === undefined ? null : { from: toIso(span.oldestMs), to: toIso(span.newestMs) },
      marks: sorted.map((m) => m.mark)
    }
  })
  return { total, groups, lanes }
}

/** A backup that was good is AUTO or MANUAL; one still being created shows as such; one that never was good, not at all. */
function backupKind(o: ObservedBackup): TimelineMark['kind'] | null {
  if (o.wasAvailable || o.status === 'AVAILABLE') return o.creationMethod === 'AUTO' ? 'auto' : 'manual'
  return o.status === 'CREATING' ? 'creating' : null
}
