import { z } from 'zod'
import { NOTIFICATION_KINDS } from '../notification-kinds.ts'

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS)
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
