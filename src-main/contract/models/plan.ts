import { z } from 'zod'
import { backupPolicySchema, crossRegionCopySchema } from './policy.ts'

const id = z.string().min(1).max(100)
const weekday = z.number().int().min(1).max(7)

/** Where a target came from in a policy file, so a review can point at the line. */
export const planSourceSchema = z.object({ line: z.number().int().nonnegative(), field: z.string().max(200).optional() }).strict()

/**
 * The change a plan proposes: a template's policy, field edits applied to each cluster's current policy,
 * or explicit per-cluster policies (a policy file's targets).
 */
export const planChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('template'), templateId: id }).strict(),
  z
    .object({
      kind: z.literal('fields'),
      enabled: z.boolean().optional(),
      frequency: z.string().max(20).optional(),
      startTime: z.string().max(20).optional(),
      retentionDays: z.number().int().min(0).max(1000).optional(),
      crossRegionCopies: z.array(crossRegionCopySchema).max(20).optional(),
      addDays: z.array(weekday).max(7).optional(),
      removeDays: z.array(weekday).max(7).optional()
    })
    .strict(),
  z
    .object({
      kind: z.literal('policies'),
      items: z
        .array(
          z
            .object({
              clusterId: id,
              policy: backupPolicySchema,
              templateId: id.optional(),
              templateName: z.string().max(200).optional(),
              source: planSourceSchema.optional()
            })
            .strict()
        )
        .min(1)
        .max(5000)
    })
    .strict()
])

export type PlanChange = z.infer<typeof planChangeSchema>

export const planVerdictSchema = z.enum(['change', 'same', 'skip', 'invalid'])
export type PlanVerdict = z.infer<typeof planVerdictSchema>

export const planItemSchema = z
  .object({
    clusterId: z.string(),
    clusterName: z.string(),
    connectionId: z.string(),
    projectName: z.string(),
    /** The cluster's region, for the review's policy lint (copies on Azure); absent for a cluster not known here. */
    regionId: z.string().optional(),
    verdict: planVerdictSchema,
    /** The mirrored remote policy the plan was made from (the base a push checks against). */
    before: backupPolicySchema.nullable(),
    after: backupPolicySchema.nullable(),
    reason: z.string().optional(),
    /** For `invalid`: the policy field at fault. */
    field: z.string().optional(),
    templateId: z.string().optional(),
    templateName: z.string().optional(),
    source: planSourceSchema.optional()
  })
  .strict()

export type PlanItem = z.infer<typeof planItemSchema>

/** A cluster assigned to a template the file replaces, not listed in the file: its drift (the differing fields) moves. */
export const planTemplateDriftSchema = z
  .object({ clusterId: z.string(), clusterName: z.string(), connectionId: z.string(), driftBefore: z.array(z.string()), driftAfter: z.array(z.string()) })
  .strict()

/**
 * A template a policy file defines: saved by name (created or replaced) when its plan is applied. `change` compares
 * it with the stored template of that name (`before`, when replaced); `affects` lists the other assigned clusters
 * whose drift it changes (core/plan/plan-templates.ts).
 */
export const planTemplateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    policy: backupPolicySchema,
    change: z.enum(['added', 'changed', 'unchanged']).optional(),
    before: backupPolicySchema.optional(),
    affects: z.array(planTemplateDriftSchema).max(5000).optional()
  })
  .strict()
export type PlanTemplate = z.infer<typeof planTemplateSchema>

export const planSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    /**
     * One item per cluster id, so an apply result (`clusterId` only) names its item: the ids are deduplicated
     * (core/plan/plan-service.ts, a policy file's repeated entry gets a `line-N` key) and each resolves to one
     * connection's cluster, an id two connections list being refused unless the plan names its connection
     * (core/plan/plan-context.ts; test/integration/core/same-cluster-two-connections.test.ts). A plan made without a
     * connection may still span several, each item naming its own.
     */
    items: z.array(planItemSchema),
    /** Clusters whose policy becomes enabled: Zilliz Cloud starts a backup on each of them at once. */
    startsBackups: z.number().int().nonnegative(),
    /** A policy file's templates (policy/import-plan): saved by name on apply; the clusters naming one are assigned to it. */
    templates: z.array(planTemplateSchema).max(500).optional()
  })
  .strict()

export type Plan = z.infer<typeof planSchema>

export const planApplyStateSchema = z.enum([
  'applied',
  'unchanged',
  'conflict',
  'failed',
  'skipped',
  /** Saved as a queued draft (mode `drafts`, or the API was unreachable): pushed after the next successful sync. */
  'queued'
])
export type PlanApplyState = z.infer<typeof planApplyStateSchema>

export const planApplyResultSchema = z
  .object({ clusterId: z.string(), state: planApplyStateSchema, error: z.string().optional(), draftId: z.string().optional() })
  .strict()

export type PlanApplyResult = z.infer<typeof planApplyResultSchema>
