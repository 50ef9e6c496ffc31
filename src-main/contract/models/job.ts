import { z } from 'zod'

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

/**
 * A tracked job's status: Zilliz's, plus NOT_STARTED for the backup that enabling a policy starts when Zilliz listed
 * no new automatic backup in time (Zilliz gives that backup no job id; none of its statuses says "never began").
 */
export const trackedJobStatusSchema = z.enum([...jobStatusSchema.options, 'NOT_STARTED'])
export type TrackedJobStatus = z.infer<typeof trackedJobStatusSchema>

/** Which admin action started a tracked job; `first-backup` is the backup that enabling a policy starts. */
export const jobActionSchema = z.enum(['create-backup', 'delete-backup', 'restore-cluster', 'restore-collection', 'export-backup', 'first-backup'])
export type JobAction = z.infer<typeof jobActionSchema>

export const TERMINAL_JOB_STATUSES: readonly TrackedJobStatus[] = ['SUCCESSFUL', 'FAILED', 'CANCELED', 'NOT_STARTED']
