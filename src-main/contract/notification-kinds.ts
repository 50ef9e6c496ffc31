/**
 * The notice kinds, free of zod so that the renderer can list them (its bundle stays zod-free). The contract's
 * `notificationKindSchema` is built from this list: it is the one place a kind is added.
 */
export const NOTIFICATION_KINDS = [
  'upcoming',
  'missed',
  'stuck',
  'failed',
  'expiring',
  'expired',
  /** The cluster's remote policy departs from its template (once per cluster and remote policy version). */
  'drift',
  'digest'
] as const

export type NotificationKindLiteral = (typeof NOTIFICATION_KINDS)[number]

/** The kinds a destination can subscribe to: every kind but `digest`, which only summarises other notices. */
export const SUBSCRIBABLE_KINDS = NOTIFICATION_KINDS.filter(
  (kind): kind is Exclude<NotificationKindLiteral, 'digest'> => kind !== 'digest'
)
