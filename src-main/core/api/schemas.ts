/**
 * Per-endpoint response schemas (docs/zilliz-api-notes.md). Unknown extra fields are tolerated (stripped);
 * missing required ones fail. Every documented variant is accepted: ISO or epoch-ms times, `instanceCount`
 * as int or string, `crossRegionCopies`/`crossRegionPolicies`, `collections`/`dbCollections`, a job's
 * `progress` as a string. Statuses that the contract models as enums are enums here too (docs/reliability.md#r30).
 */
import { z } from 'zod'
import { backupStatusSchema, backupTypeSchema, creationMethodSchema } from '#contract/models/backup'
import { jobStatusSchema } from '#contract/models/job'

const id = z.string().min(1).max(200)
const text = z.string().max(2000)

/** ISO 8601 or epoch milliseconds (on-demand clusters, `createTimeMilli`) → ISO 8601 UTC; empty → null. */
export const timeSchema = z
  .union([z.string().max(64), z.number()])
  .nullish()
  .transform((value, ctx): string | null => {
    if (value === null || value === undefined || value === '') return null
    const ms = toEpochMs(value)
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'unreadable time' })
      return z.NEVER
    }
    return new Date(ms).toISOString()
  })

function toEpochMs(value: string | number): number | undefined {
  const numeric = typeof value === 'number' ? value : /^\d{9,}$/.test(value) ? Number(value) : undefined
  // Ten-digit values are epoch seconds; the API's epoch values are milliseconds (13 digits).
  const ms = numeric === undefined ? Date.parse(value as string) : numeric < 1e11 ? numeric * 1000 : numeric
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined
}

/** A whole number sent either as a number or as a numeric string (e.g. REF's `instanceCount`). */
const looseInt = z.union([z.number(), z.string().max(32)]).transform((value, ctx): number => {
  const n = typeof value === 'number' ? value : Number(value.trim())
  if (!Number.isFinite(n) || value === '') {
    ctx.addIssue({ code: 'custom', message: 'not a number' })
    return z.NEVER
  }
  return n
})

export const projectSchema = z.object({
  projectId: id,
  projectName: text,
  plan: z.string().max(100).nullish(),
  instanceCount: looseInt.nullish(),
  createTime: timeSchema
})
export const projectListSchema = z.array(projectSchema).max(10_000)

export const clusterSchema = z.object({
  clusterId: id,
  clusterName: text,
  projectId: id,
  regionId: z.string().max(200),
  plan: z.string().max(100).nullish(),
  cuType: z.string().max(100).nullish(),
  cuSize: looseInt.nullish(),
  status: z.string().max(100),
  deploymentOption: z.string().max(100).nullish(),
  createTime: timeSchema
})
export type RawCluster = z.infer<typeof clusterSchema>

const pageFields = {
  count: z.number().int().nonnegative(),
  currentPage: z.number().int().optional(),
  pageSize: z.number().int().optional()
}
export const clusterPageSchema = z.object({ ...pageFields, clusters: z.array(clusterSchema).max(1000) })

const policyCopySchema = z.object({
  regionId: z.string().max(100),
  retentionDays: z.number().int(),
  region: z.string().max(100).nullish()
})
export const policySchema = z.object({
  clusterId: id.optional(),
  status: z.string().max(50),
  startTime: z.string().max(50).nullish(),
  frequency: z.string().max(50).nullish(),
  retentionDays: z.number().int().nullish(),
  crossRegionCopies: z.array(policyCopySchema).max(50).nullish(),
  crossRegionPolicies: z.array(policyCopySchema).max(50).nullish()
})
export type RawPolicy = z.infer<typeof policySchema>

export const setPolicyResultSchema = z.object({ clusterId: id.optional(), status: z.string().max(50).optional() }).nullish()

export const createBackupResultSchema = z.object({ backupId: id, backupName: text, jobId: id })

const backupItemSchema = z.object({
  projectId: id,
  backupId: id,
  backupName: text,
  backupType: backupTypeSchema,
  creationMethod: creationMethodSchema,
  status: backupStatusSchema,
  size: looseInt.pipe(z.number().nonnegative()),
  clusterId: id,
  clusterName: text,
  createTime: timeSchema.pipe(z.string()),
  expireTime: timeSchema
})
export type RawBackup = z.infer<typeof backupItemSchema>

export const backupPageSchema = z.object({ ...pageFields, backups: z.array(backupItemSchema).max(1000) })

const collectionSchema = z.object({
  collectionName: text,
  description: text.nullish(),
  status: z.string().max(50).nullish()
})
export const backupDetailSchema = backupItemSchema.extend({
  regionId: z.string().max(200).nullish(),
  collections: z.array(collectionSchema).max(10_000).nullish(),
  dbCollections: z
    .array(z.object({ dbName: z.string().max(200).nullish(), collections: z.array(collectionSchema).max(10_000) }))
    .max(1000)
    .nullish()
})
export type RawBackupDetail = z.infer<typeof backupDetailSchema>

export const deleteBackupResultSchema = z.object({ backupId: id.optional(), backupName: text.optional() }).nullish()

export const restoreClusterResultSchema = z.object({
  clusterId: id,
  username: z.string().max(200),
  password: z.string().max(500),
  // An older guide example has no jobId.
  jobId: id.nullish()
})

export const jobIdResultSchema = z.object({ jobId: id })

export const jobSchema = z.object({
  jobId: id,
  type: z.string().max(100),
  status: jobStatusSchema,
  progress: looseInt.pipe(z.number().min(0).max(100)).nullish(),
  startTime: timeSchema,
  endTime: timeSchema,
  reason: z.string().max(4000).nullish()
})

export const cloudListSchema = z.array(z.object({ cloudId: id, description: text.nullish() })).max(1000)

export const regionListSchema = z
  .array(
    z.object({
      cloudId: id,
      regionId: id,
      domain: z.string().max(500).nullish(),
      apiBaseUrl: z.string().max(500).nullish(),
      supportedClusterTypes: z.array(z.string().max(50)).max(20).nullish()
    })
  )
  .max(10_000)
