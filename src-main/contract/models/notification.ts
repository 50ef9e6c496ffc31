import { z } from 'zod'

export const notificationKindSchema = z.enum([
  'upcoming',
  'missed',
  'stuck',
  'failed',
  'expiring',
  'expired',
  /** The cluster's remote policy departs from its template (once per cluster and remote policy version). */
  'drift',
  'digest'
])
export type NotificationKind = z.infer<typeof notificationKindSchema>

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: notificationKindSchema,
    clusterId: z.string(),
    backupId: z.string().optional(),
    /** The instant this notice is about (window start, expiry, job end), ISO UTC. Part of its identity. */
    slot: z.string(),
    title: z.string(),
    body: z.string(),
    severity: z.enum(['info', 'warning', 'critical']),
    createdAt: z.string(),
    read: z.boolean()
  })
  .strict()

export type Notification = z.infer<typeof notificationSchema>
