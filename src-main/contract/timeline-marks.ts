/*
 * The Timeline picture's vocabulary, free of zod so the renderer can use it (its bundle stays zod-free); the
 * contract's `timeline/lanes` schema is built from these.
 */

/**
 * What a mark on a cluster's lane is: a good AUTO backup, a MANUAL backup, a backup still being created, a failed
 * job or a missed window (both from the notification ledger), a future expected window, or a backup's expiry.
 */
export const TIMELINE_MARK_KINDS = ['auto', 'manual', 'creating', 'failed', 'missed', 'window', 'expiry'] as const

export type TimelineMarkKind = (typeof TIMELINE_MARK_KINDS)[number]

/** One page of lanes at most: the picture asks for the visible lanes only. */
export const TIMELINE_MAX_LANES = 500

/** The widest range one call answers: the 30-day zoom plus a span of margin on each side to pan into. */
export const TIMELINE_MAX_RANGE_DAYS = 100

/** How a mark kind reads in a tooltip, a live region and an accessible name. */
export const TIMELINE_MARK_LABELS: Record<TimelineMarkKind, string> = {
  auto: 'Automatic backup',
  manual: 'Manual backup',
  creating: 'Backup being created',
  failed: 'Failed job',
  missed: 'Missed backup window',
  window: 'Expected backup window',
  expiry: 'Backup expires'
}
