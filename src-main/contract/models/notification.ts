import { z } from 'zod'
import { NOTIFICATION_KINDS } from '../notification-kinds.ts'
import { organizationRefSchema } from './organization.ts'

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof notificationKindSchema>

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: notificationKindSchema,
    clusterId: z.string(),
    /** The cluster's name as mirrored; absent for a digest and when no connection lists the cluster. */
    clusterName: z.string().optional(),
    backupId: z.string().optional(),
    /** The instant this notice is about (window start, expiry, job end), ISO UTC. Part of its identity. */
    slot: z.string(),
    title: z.string(),
    body: z.string(),
    severity: z.enum(['info', 'warning', 'critical']),
    createdAt: z.string(),
    read: z.boolean(),
    /** The organization of the notice's cluster; absent for a digest and when no connection lists the cluster. */
    organization: organizationRefSchema.optional()
  })
  .strict()

export type Notification = z.infer<typeof notificationSchema>
