import { z } from 'zod'
import { backupPolicySchema } from './policy.ts'

/** A named policy stored locally, assigned to clusters across organizations (a company standard). */
export const templateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    policy: backupPolicySchema
  })
  .strict()

export type Template = z.infer<typeof templateSchema>

/** A cluster a template is assigned to, and the policy fields on which its mirrored remote differs. */
export const templateAssignmentSchema = z
  .object({
    clusterId: z.string(),
    connectionId: z.string(),
    clusterName: z.string(),
    /** Field names (`enabled`, `frequency`, `startTime`, `retentionDays`, `crossRegionCopies`); empty = in line. */
    drift: z.array(z.string())
  })
  .strict()

export const templateListItemSchema = templateSchema
  .extend({
    assigned: z.array(templateAssignmentSchema),
    drifted: z.number().int().nonnegative(),
    updatedAt: z.string()
  })
  .strict()

export type TemplateListItem = z.infer<typeof templateListItemSchema>

/** What `cluster/list` items carry: the assigned template and the names of the differing fields. */
export const clusterTemplateSchema = z.object({ id: z.string(), name: z.string(), drift: z.array(z.string()) }).strict()
export type ClusterTemplate = z.infer<typeof clusterTemplateSchema>
