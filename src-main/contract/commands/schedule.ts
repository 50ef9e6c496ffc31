import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { organizationRefSchema } from '../models/organization.ts'

/** One expected backup window projected from a mirrored, enabled policy. */
export const expectedWindowSchema = z
  .object({
    clusterId: z.string(),
    clusterName: z.string(),
    organization: organizationRefSchema.optional(),
    /** ISO 8601 UTC. */
    start: z.string(),
    /** ISO 8601 UTC. */
    end: z.string()
  })
  .strict()

export type ExpectedWindow = z.infer<typeof expectedWindowSchema>

/** An AVAILABLE backup of the cache whose expiry falls in the coming hours (the Timeline's day-by-day list). */
export const expiringBackupSchema = z
  .object({
    backupId: z.string(),
    backupName: z.string(),
    clusterId: z.string(),
    clusterName: z.string(),
    organization: organizationRefSchema.optional(),
    /** ISO 8601 UTC. */
    expireTime: z.string(),
    /** No AVAILABLE backup of the same cluster is newer: the rule of the watcher's "newest backup expires". */
    isNewest: z.boolean()
  })
  .strict()

export type ExpiringBackup = z.infer<typeof expiringBackupSchema>

const horizonSchema = z.object({ horizonHours: z.number().positive().max(24 * 31) }).strict()

export const scheduleCommands = {
  /** Expected windows overlapping the next `horizonHours`, sorted by start. */
  'schedule/upcoming': defineCommand({
    input: horizonSchema,
    output: z.array(expectedWindowSchema)
  }),
  /** AVAILABLE backups of every connection expiring in the next `horizonHours`, sorted by expiry. */
  'schedule/expiring': defineCommand({
    input: horizonSchema,
    output: z.array(expiringBackupSchema)
  })
}
