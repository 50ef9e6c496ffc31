import { z } from 'zod'

export const jobTypeSchema = z.enum(['IMPORT', 'MIGRATION', 'BACKUP', 'RESTORE', 'CLONE_COLLECTION', 'EXPORT'])
export const jobStatusSchema = z.enum([
  'PENDING',
  'IN_PROGRESS',
  'SUCCESSFUL',
  'FAILED',
  'CANCELING',
  'CANCELED'
])

export const jobSchema = z
  .object({
    jobId: z.string(),
    type: z.string(),
    status: jobStatusSchema,
    /** Percent, 0..100 (the API sends it as a string). */
    progress: z.number().min(0).max(100),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    reason: z.string()
  })
  .strict()

export type Job = z.infer<typeof jobSchema>
export type JobStatus = z.infer<typeof jobStatusSchema>

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['SUCCESSFUL', 'FAILED', 'CANCELED']
