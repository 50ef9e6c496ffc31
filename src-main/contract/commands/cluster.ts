import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { HEALTH_CAUSES, HEALTH_LEVELS } from '../health.ts'
import { clusterSchema, projectSchema } from '../models/cluster.ts'
import { backupPolicySchema } from '../models/policy.ts'

export const clusterSummarySchema = clusterSchema
  .extend({
    projectName: z.string(),
    /** Backups exist only for Dedicated clusters; the reason says why not otherwise. */
    supportsBackup: z.boolean(),
    unsupportedReason: z.string().nullable(),
    policy: backupPolicySchema.nullable(),
    policyReadAt: z.string().nullable(),
    nextWindow: z.object({ start: z.string(), end: z.string() }).nullable(),
    newestBackup: z
      .object({ backupId: z.string(), createTime: z.string(), status: z.string(), creationMethod: z.string() })
      .nullable(),
    /** From the core's one health function (core/fleet/health.ts); the same value feeds every other view. */
    health: z.enum(HEALTH_LEVELS),
    healthCause: z.enum(HEALTH_CAUSES),
    healthReason: z.string()
  })
  .strict()

export type ClusterSummary = z.infer<typeof clusterSummarySchema>

export const clusterCommands = {
  'cluster/list': defineCommand({
    input: z.object({ connectionId: z.string().max(100).optional() }).strict().default({}),
    output: z.array(clusterSummarySchema)
  }),
  'project/list': defineCommand({
    input: z.object({ connectionId: z.string().max(100).optional() }).strict().default({}),
    output: z.array(projectSchema)
  })
}
