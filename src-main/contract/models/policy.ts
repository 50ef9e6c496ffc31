import { z } from 'zod'

export * from '../policy-rules.ts'

export const crossRegionCopySchema = z
  .object({
    regionId: z.string().min(1).max(100),
    retentionDays: z.number().int()
  })
  .strict()

/**
 * A backup policy in the API's own field names, so that what an admin drafts is exactly what is sent.
 * A disabled policy may carry empty strings and 0, as the API accepts.
 */
export const backupPolicySchema = z
  .object({
    enabled: z.boolean(),
    frequency: z.string().max(20),
    startTime: z.string().max(20),
    retentionDays: z.number().int().min(0).max(1000),
    crossRegionCopies: z.array(crossRegionCopySchema).max(20).optional()
  })
  .strict()

export type BackupPolicy = z.infer<typeof backupPolicySchema>
export type CrossRegionCopy = z.infer<typeof crossRegionCopySchema>

