import type { ObservedBackupItem } from '#contract/commands/history'
import type { StoreDatabase } from '../store/database.ts'
import { listObservedBackups, listStatusChanges, type ObservedBackup } from '../store/observed-backups.repo.ts'
import { toIso, toIsoOrNull } from '../store/time.ts'
import { listWindowNotices } from '../store/window-notices.query.ts'

type HistoryQuery = { clusterId: string; connectionId?: string; fromMs?: number; toMs?: number }

/**
 * One cluster's observed backups with their status changes, and the missed windows the ledger raised.
 * The cluster need not be in the cache any more: the history outlives it. With a connection, only what that
 * connection saw and raised (two connections may list the same cluster id); without one, the cluster ID alone selects.
 */
export function backupHistory(db: StoreDatabase, q: HistoryQuery): { items: ObservedBackupItem[]; missedWindows: { windowStart: string }[] } {
  const observed = listObservedBackups(db, {
    clusterIds: [q.clusterId],
    ...(q.connectionId === undefined ? {} : { connectionId: q.connectionId }),
    ...(q.fromMs === undefined ? {} : { fromMs: q.fromMs }),
    ...(q.toMs === undefined ? {} : { toMs: q.toMs })
  })
  const changes = new Map<string, { status: ObservedBackupItem['status']; at: string }[]>()
  for (const [connectionId, ids] of groupIdsByConnection(observed)) {
    for (const c of listStatusChanges(db, connectionId, ids)) {
      const key = `${connectionId}\u0000${c.backupId}`
      const list = changes.get(key) ?? []
      list.push({ status: c.status, at: c.at })
      changes.set(key, list)
    }
  }
  const items = observed.map((o) => toItem(o, changes.get(`${o.connectionId}\u0000${o.backupId}`) ?? []))
  const missedWindows = listWindowNotices(db, { connectionId: q.connectionId, clusterIds: [q.clusterId], fromMs: q.fromMs ?? 0, toMs: q.toMs ?? Number.MAX_SAFE_INTEGER })
    .filter((n) => n.kind === 'missed')
    .map((n) => ({ windowStart: toIso(n.slotMs) }))
  return { items, missedWindows }
}

function groupIdsByConnection(observed: readonly ObservedBackup[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const o of observed) {
    const ids = out.get(o.connectionId) ?? []
    ids.push(o.backupId)
    out.set(o.connectionId, ids)
  }
  return out
}

function toItem(o: ObservedBackup, statusChanges: ObservedBackupItem['statusChanges']): ObservedBackupItem {
  return {
    backupId: o.backupId,
    name: o.backupName,
    backupType: o.backupType,
    creationMethod: o.creationMethod,
    createTime: toIso(o.createMs),
    expireTime: toIsoOrNull(o.expireMs),
    firstSeenAt: toIso(o.firstSeenMs),
    lastSeenAt: toIso(o.lastSeenMs),
    status: o.status,
    size: o.size,
    statusChanges
  }
}
