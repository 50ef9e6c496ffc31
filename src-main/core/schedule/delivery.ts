import type { Notification } from '#contract/models/notification'
import type { EventBus } from '../lib/event-bus.ts'
import type { Notifier } from '../notify/notifier.ts'
import type { NotificationLedger } from './ledger.ts'
import { digestNotice } from './messages.ts'

/** More than this many notices at once is a burst, shown as one digest (docs/reliability.md#r29). */
const BURST_LIMIT = 3

type DeliveryInput = {
  ledger: NotificationLedger
  notifier: Notifier
  events: EventBus
  nowMs: number
  isQuiet: boolean
  /** After downtime, sleep or a clock jump: anything more than one notice becomes a digest. */
  isCatchUp: boolean
  /** Kinds switched off in Settings: marked delivered without being shown (they stay in the centre). */
  mutedKinds: readonly string[]
}

/**
 * Shows what the ledger holds undelivered. During quiet hours nothing leaves (the rows stay undelivered and
 * so survive a restart). Notices recorded before this run — held by quiet hours or left by a closed app —
 * count as catch-up. Each notice is still recorded individually and stays unread in the centre; a digest
 * replaces only the showing and the `notification/raised` event. Returns what was shown.
 */
export function deliverPending(d: DeliveryInput): Notification[] {
  if (d.isQuiet) return []
  const all = d.ledger.undelivered()
  const pending = all.filter((n) => !d.mutedKinds.includes(n.kind))
  if (pending.length === 0) {
    if (all.length > 0) d.ledger.markDelivered(all.map((n) => n.id), d.nowMs)
    return []
  }
  const wasHeld = pending.some((n) => Date.parse(n.createdAt) < d.nowMs)
  const isCatchUp = d.isCatchUp || wasHeld
  const asDigest = pending.length > 1 && (isCatchUp || pending.length > BURST_LIMIT)
  const shown = asDigest ? d.ledger.record([digestNotice(pending, d.nowMs, isCatchUp ? 'away' : 'burst')], d.nowMs) : pending
  d.ledger.markDelivered([...all, ...shown].map((n) => n.id), d.nowMs)
  for (const n of shown) {
    d.notifier.show(n)
    d.events.emit('notification/raised', n)
  }
  return shown
}
