import type { RecordedNotice } from '../store/notifications.repo.ts'
import type { StoreDatabase } from '../store/database.ts'
import { clusterContext, type ClusterContext } from '../store/webhook-context.query.ts'
import { enqueue, listDestinations } from '../store/webhooks.repo.ts'
import { wants } from './destination-filter.ts'
import { noticeEvent } from './webhook-event.ts'

/**
 * Queues newly recorded notices for every destination that wants them one by one (digest destinations get
 * them in their daily message instead). Runs inside the ledger's recording transaction (LedgerHooks).
 */
export function queueRecordedNotices(db: StoreDatabase, recorded: readonly RecordedNotice[], nowMs: number): number {
  const destinations = listDestinations(db).filter((d) => d.digestTime === null)
  if (destinations.length === 0) return 0
  const contexts = new Map<string, ClusterContext | null>()
  let queued = 0
  for (const { notice, connectionId, key } of recorded) {
    // The OS burst digest only summarises notices each destination already gets one by one.
    if (notice.kind === 'digest') continue
    const contextKey = `${connectionId ?? ''}|${notice.clusterId}`
    let context = contexts.get(contextKey)
    if (context === undefined) {
      context = clusterContext(db, connectionId, notice.clusterId)
      contexts.set(contextKey, context)
    }
    const event = noticeEvent(notice, key, context)
    const json = JSON.stringify(event)
    for (const d of destinations) {
      if (!wants(d, notice, connectionId)) continue
      enqueue(db, { destinationId: d.id, eventId: event.eventId, event: json, raisedAt: nowMs, dueAt: nowMs })
      queued++
    }
  }
  return queued
}
