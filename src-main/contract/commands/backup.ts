import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { ID_MAX_LENGTH, INTEGRATION_ID_PATTERN } from '../limits.ts'
import { backupSchema, backupStatusSchema, backupTypeSchema, creationMethodSchema } from '../models/backup.ts'
import { jobActionSchema, jobSchema, trackedJobStatusSchema } from '../models/job.ts'

const id = idSchema
/** The export's storage integration: checked here and inline in the export dialog with the same pattern. */
const integrationIdSchema = z.string().max(ID_MAX_LENGTH).regex(INTEGRATION_ID_PATTERN, 'An integration ID looks like integ-xxxxx.')

export const backupSortSchema = z
  .object({
    by: z.enum(['createTime', 'expireTime', 'size', 'backupName', 'clusterName', 'status']),
    dir: z.enum(['asc', 'desc'])
  })
  .strict()

export type BackupSort = z.infer<typeof backupSortSchema>

export const backupListInputSchema = z
  .object({
    connectionId: id.optional(),
    clusterId: id.optional(),
    projectId: id.optional(),
    creationMethod: creationMethodSchema.optional(),
    backupType: backupTypeSchema.optional(),
    status: backupStatusSchema.optional(),
    search: z.string().max(200).optional(),
    sort: backupSortSchema.default({ by: 'createTime', dir: 'desc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100)
  })
  .strict()

export type BackupListInput = z.input<typeof backupListInputSchema>

const dbCollectionsSchema = z
  .array(z.object({ dbName: z.string().max(255).optional(), collectionNames: z.array(z.string().min(1).max(255)).min(1).max(100) }).strict())
  .min(1)
  .max(100)

/**
 * What an action did: the job it started is tracked until it ends (`job/updated`). `first-backup` is the automatic
 * backup Zilliz starts when a policy is enabled; its `jobId` is Backup Desk's own (Zilliz returns none for it).
 */
export const trackedJobSchema = jobSchema
  .extend({
    status: trackedJobStatusSchema,
    connectionId: z.string(),
    clusterId: z.string(),
    backupId: z.string().nullable(),
    action: jobActionSchema,
    createdAt: z.string(),
    updatedAt: z.string()
  })
  .strict()

export type TrackedJob = z.infer<typeof trackedJobSchema>

/** A tracked job as Jobs lists it: named by its cluster and backup (null when the cache no longer knows them). */
export const jobListItemSchema = trackedJobSchema.extend({ clusterName: z.string().nullable(), backupName: z.string().nullable() }).strict()

export type JobListItem = z.infer<typeof jobListItemSchema>

/**
 * Every command about one cluster takes `connectionId` beside `clusterId`: two connections can mirror the same
 * organization, so the same cluster id. Without it the id must be unambiguous, or the command is refused
 * (`input/invalid` naming `connectionId`; core/fleet/find-cluster.ts).
 */
export const backupCommands = {
  /** Answered from the cache: filters, sort, search and paging over every mirrored backup. */
  'backup/list': defineCommand({
    input: backupListInputSchema,
    output: z.object({ total: z.number().int(), items: z.array(backupSchema) }).strict()
  }),
  /** A manual backup; a retry, a crash or a double click never makes two. */
  'backup/create': defineCommand({
    input: z
      .object({
        clusterId: id,
        connectionId: id.optional(),
        backupType: backupTypeSchema.default('CLUSTER'),
        dbCollections: dbCollectionsSchema.optional(),
        crossRegionCopies: z.array(z.object({ regionId: id }).strict()).max(20).optional()
      })
      .strict()
      .refine((v) => v.backupType === 'CLUSTER' || v.dbCollections !== undefined, {
        message: 'A collection backup needs at least one collection.',
        path: ['dbCollections']
      }),
    output: z.object({ backupId: z.string(), backupName: z.string(), jobId: z.string() }).strict()
  }),
  'backup/delete': defineCommand({
    input: z.object({ clusterId: id, connectionId: id.optional(), backupId: id }).strict(),
    output: z.object({ backupId: z.string(), backupName: z.string() }).strict()
  }),
  /** Restores into a NEW cluster. The new cluster's db_admin password is returned once and never stored. */
  'backup/restore-cluster': defineCommand({
    input: z
      .object({
        clusterId: id,
        connectionId: id.optional(),
        backupId: id,
        projectId: id,
        clusterName: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Use letters, digits and hyphens only.'),
        cuSize: z.number().int().min(1).max(1024),
        collectionStatus: z.enum(['KEEP', 'RELEASE']),
        restoreVersionPolicy: z.enum(['ORIGINAL', 'LATEST']).optional()
      })
      .strict(),
    output: z.object({ clusterId: z.string(), username: z.string(), password: z.string(), jobId: z.string() }).strict()
  }),
  /** Restores one collection into an existing cluster. */
  'backup/restore-collection': defineCommand({
    input: z
      .object({
        clusterId: id,
        connectionId: id.optional(),
        backupId: id,
        destClusterId: id,
        dbName: z.string().max(255).default('default'),
        destDbName: z.string().max(255).default('default'),
        collectionName: z.string().min(1).max(255),
        destCollectionName: z.string().min(1).max(255),
        destCollectionStatus: z.enum(['LOADED', 'UNLOADED']).default('UNLOADED')
      })
      .strict(),
    output: z.object({ jobId: z.string() }).strict()
  }),
  'backup/export': defineCommand({
    input: z
      .object({ clusterId: id, connectionId: id.optional(), backupId: id, integrationId: integrationIdSchema, directory: z.string().max(500).optional() })
      .strict(),
    output: z.object({ jobId: z.string() }).strict()
  }),
  'job/list': defineCommand({
    input: z.object({ connectionId: id.optional(), activeOnly: z.boolean().default(false) }).strict().default({ activeOnly: false }),
    output: z.array(jobListItemSchema)
  })
}
