import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { HEALTH_CAUSES, HEALTH_LEVELS } from '../health.ts'
import { idSchema } from '../id.ts'
import { PROTECTION_CLASSES } from '../protection.ts'
import { LINT_RULE_IDS, LINT_SEVERITIES } from '../policy-lint.ts'
import { clusterSchema, projectSchema } from '../models/cluster.ts'
import { backupPolicySchema } from '../models/policy.ts'
import { clusterTemplateSchema } from '../models/template.ts'

/** Protection figures (src-main/contract/protection.ts); the class derives from the health above. */
export const protectionFiguresSchema = z
  .object({
    class: z.enum(PROTECTION_CLASSES),
    /**
     * Achieved RPO over the last 30 days, in ms: the worst gap between good backups, the open one up to now
     * included, counting only time since the cluster's backups are known (contract/protection.ts `achievedRpo`).
     */
    rpoMs: z.number().nullable(),
    /**
     * Since when the cluster's backups are known (null: no complete sync has listed it yet). The RPO counts from
     * the later of it and 30 days ago; a fixed instant, so the figure does not change with the time it is read.
     */
    knownSince: z.string().nullable(),
    /** Creation time of the newest good backup (ever AVAILABLE): the current gap runs from it to now. */
    newestGood: z.string().nullable(),
    restorablePoints: z.number().int(),
    oldestRestorable: z.string().nullable(),
    /**
     * Set when the newest good backup expires within the expiring-notice lead with nothing newer AVAILABLE or
     * CREATING: the Fleet offers "Keep a copy now" (a MANUAL backup, kept until deleted). Size in bytes.
     */
    keepCopy: z.object({ backupId: z.string(), backupName: z.string(), expireTime: z.string(), size: z.number() }).strict().nullable()
  })
  .strict()

export type ProtectionFigures = z.infer<typeof protectionFiguresSchema>

/**
 * One cluster as the core judges it: policy, next window, newest backup, health, protection, template and lint.
 * What `cluster/status` answers (the CLI's `status --json` prints it), what the report and the policy export read,
 * and the base of `cluster/get`. The Fleet's `cluster/list` carries a slimmer row of it (`fleetRowSchema`).
 */
export const clusterSummarySchema = clusterSchema
  .pick({ clusterId: true, clusterName: true, projectId: true, connectionId: true, regionId: true, plan: true, deployment: true, status: true })
  .extend({
    projectName: z.string(),
    /** Backups exist only for Dedicated clusters. */
    supportsBackup: z.boolean(),
    policy: backupPolicySchema.nullable(),
    nextWindow: z.object({ start: z.string(), end: z.string() }).nullable(),
    newestBackup: z
      .object({ backupId: z.string(), createTime: z.string(), status: z.string(), creationMethod: z.string() })
      .nullable(),
    /** From the core's one health function (core/fleet/health.ts); the same value feeds every other view. */
    health: z.enum(HEALTH_LEVELS),
    healthCause: z.enum(HEALTH_CAUSES),
    healthReason: z.string(),
    /** The assigned template and the policy fields on which the remote differs from it; null = none assigned. */
    template: clusterTemplateSchema.nullable(),
    protection: protectionFiguresSchema,
    /** How many lint findings the details list (`lint` of cluster/get) and the worst one's severity; null = none. */
    lintSummary: z.object({ worst: z.enum(LINT_SEVERITIES), count: z.number().int().positive() }).strict().nullable()
  })
  .strict()

export type ClusterSummary = z.infer<typeof clusterSummarySchema>

/**
 * One row of the Fleet (`cluster/list`): only what a row, the summary's filters and the details pane's first
 * frame draw, so the answer stays small with a thousand clusters (bench/ui-fleet). Left out, read by the details
 * pane from `cluster/get`: the health's cause, the newest good and the oldest restorable backup's times and the
 * end of the next window (a row shows its start); and what only the details show (CU, creation time, when the
 * policy was read, the lint findings). The newest backup's id stays: the Timeline's list marks it.
 */
export const fleetRowSchema = clusterSummarySchema
  .omit({ healthCause: true, nextWindow: true, protection: true })
  .extend({
    nextWindow: z.object({ start: z.string() }).strict().nullable(),
    protection: protectionFiguresSchema.omit({ newestGood: true, oldestRestorable: true })
  })
  .strict()

export type FleetRow = z.infer<typeof fleetRowSchema>

/** One policy lint finding (src-main/contract/policy-lint.ts). */
export const lintFindingSchema = z.object({ ruleId: z.enum(LINT_RULE_IDS), severity: z.enum(LINT_SEVERITIES), message: z.string() }).strict()

/** One cluster with everything the cache knows about it: the Fleet row plus the details pane's facts. */
export const clusterDetailSchema = clusterSummarySchema
  .extend({
    cuType: z.string(),
    cuSize: z.number(),
    createTime: z.string().nullable(),
    /** Why the cluster has no backups (Free, Serverless), in the API docs' words; null when it has. */
    unsupportedReason: z.string().nullable(),
    policyReadAt: z.string().nullable(),
    /** Policy lint of the mirrored policy, rules switched off in Settings left out; most severe first. */
    lint: z.array(lintFindingSchema)
  })
  .strict()

export type ClusterDetail = z.infer<typeof clusterDetailSchema>

export const clusterCommands = {
  'cluster/list': defineCommand({
    input: z.object({ connectionId: idSchema.optional() }).strict().default({}),
    output: z.array(fleetRowSchema)
  }),
  /** Every cluster with all its figures (the CLI's `status` and `check`); the Fleet reads `cluster/list`. */
  'cluster/status': defineCommand({
    input: z.object({ connectionId: idSchema.optional() }).strict().default({}),
    output: z.array(clusterSummarySchema)
  }),
  'cluster/get': defineCommand({
    input: z.object({ clusterId: idSchema, connectionId: idSchema.optional() }).strict(),
    output: clusterDetailSchema
  }),
  'project/list': defineCommand({
    input: z.object({ connectionId: idSchema.optional() }).strict().default({}),
    output: z.array(projectSchema)
  })
}
