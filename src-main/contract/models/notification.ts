import { z } from 'zod'
import { NOTIFICATION_KINDS } from '../notification-kinds.ts'
import { organizationRefSchema } from './organization.ts'

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof notificationKindSchema>

/** What an entry of the notification centre stands for: the notices of one organization, cluster and kind. */
export const notificationGroupSchema = z
  .object({
    /** How many notices the entry stands for (1 when the notice is alone). */
    count: z.number().int().positive(),
    unread: z.number().int().nonnegative(),
    /** When the group's oldest notice was raised, ISO UTC. */
    firstAt: z.string()
  })
  .strict()

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
    organization: organizationRefSchema.optional(),
    /**
     * On an entry of the notification centre (`notification/list` without `groupOf`): the notices of the same
     * organization, cluster and kind it stands for, this one being the latest. Such an entry is `read` only when
     * every notice of its group is.
     */
    group: notificationGroupSchema.optional()
  })
  .strict()

export type Notification = z.infer<typeof notificationSchema>
