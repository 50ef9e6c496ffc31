import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { backupTypeSchema, creationMethodSchema } from '../models/backup.ts'

const id = idSchema
const isoDate = z.iso.datetime({ offset: true })

/** The API's status while listed; EXPIRED or DELETED once a complete list no longer holds the backup. */
export const observedStatusSchema = z.enum(['AVAILABLE', 'CREATING', 'DELETED', 'EXPIRED'])
export type ObservedStatus = z.infer<typeof observedStatusSchema>

export const observedBackupSchema = z
  .object({
    backupId: z.string(),
    name: z.string(),
    backupType: backupTypeSchema,
    creationMethod: creationMethodSchema,
    /** ISO 8601 UTC. */
    createTime: z.string(),
    expireTime: z.string().nullable(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    status: observedStatusSchema,
    size: z.number().nonnegative(),
    /** Each status it moved to after it was first seen, oldest first. */
    statusChanges: z.array(z.object({ status: observedStatusSchema, at: z.string() }).strict())
  })
  .strict()

export type ObservedBackupItem = z.infer<typeof observedBackupSchema>

export const historyCommands = {
  /**
   * Every backup the syncs have seen for a cluster, created in [from, to) (default: all kept), oldest first,
   * with the missed windows the notification ledger raised in the same period.
   */
  'backup/history': defineCommand({
    input: z
      .object({ clusterId: id, connectionId: id.optional(), from: isoDate.optional(), to: isoDate.optional() })
      .strict()
      .refine((v) => v.from === undefined || v.to === undefined || Date.parse(v.from) < Date.parse(v.to), {
        message: 'from must be before to.',
        path: ['to']
      }),
    output: z
      .object({
        items: z.array(observedBackupSchema),
        missedWindows: z.array(z.object({ windowStart: z.string() }).strict())
      })
      .strict()
  })
}
