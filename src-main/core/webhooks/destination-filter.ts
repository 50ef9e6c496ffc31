import type { Notification } from '#contract/models/notification'
import type { StoredDestination } from '../store/webhooks.repo.ts'

/**
 * Whether a destination wants this notice: its kinds (null = all) and its connection filter (null = all), matched
 * against the connection that raised the notice, even when that connection no longer lists the cluster.
 */
export function wants(d: StoredDestination, notice: Notification, connectionId: string | null): boolean {
  if (notice.kind === 'digest') return false
  if (d.kinds !== null && !d.kinds.includes(notice.kind)) return false
  return d.connectionId === null || connectionId === d.connectionId
}
