import { z } from 'zod'

export const backupTypeSchema = z.enum(['CLUSTER', 'COLLECTION'])
export const creationMethodSchema = z.enum(['AUTO', 'MANUAL'])
/** The API lists only AVAILABLE and CREATING; DELETED appears on describe. */
export const backupStatusSchema = z.enum(['AVAILABLE', 'CREATING', 'DELETED'])

export const backupSchema = z
  .object({
    backupId: z.string(),
    backupName: z.string(),
    clusterId: z.string(),
    clusterName: z.string(),
    projectId: z.string(),
    connectionId: z.string(),
    backupType: backupTypeSchema,
    creationMethod: creationMethodSchema,
    status: backupStatusSchema,
    size: z.number().nonnegative(),
    /** ISO 8601 UTC. */
    createTime: z.string(),
    /** ISO 8601 UTC; null when the backup is kept until deleted. */
    expireTime: z.string().nullable()
  })
  .strict()

export type Backup = z.infer<typeof backupSchema>
export type BackupType = z.infer<typeof backupTypeSchema>
export type CreationMethod = z.infer<typeof creationMethodSchema>
export type BackupStatus = z.infer<typeof backupStatusSchema>
