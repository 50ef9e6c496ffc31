import type { Notification } from '#contract/models/notification'
import type { ClusterContext } from '../store/webhook-context.query.ts'
import type { StoredDestination } from '../store/webhooks.repo.ts'

/** Whether a destination wants this notice: its kinds (null = all) and its connection filter (null = all). */
export function wants(d: StoredDestination, notice: Notification, context: ClusterContext | null): boolean {
  if (notice.kind === 'digest') return false
  if (d.kinds !== null && !d.kinds.includes(notice.kind)) return false
  return d.connectionId === null || context?.connectionId === d.connectionId
}
