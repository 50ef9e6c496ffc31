import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { planSchema } from '../models/plan.ts'
import { backupPolicySchema } from '../models/policy.ts'
import { templateListItemSchema, templateSchema } from '../models/template.ts'

const id = idSchema
const clusterIds = z.array(id).min(1).max(5000)

export const templateCommands = {
  /** Every template with the clusters assigned to it and how many of them have drifted. */
  'template/list': defineCommand({ input: z.object({}).strict().default({}), output: z.array(templateListItemSchema) }),
  /** Creates (no id) or replaces a template; names are unique, ignoring case. */
  'template/save': defineCommand({
    input: z.object({ id: id.optional(), name: z.string().trim().min(1).max(100), policy: backupPolicySchema }).strict(),
    output: templateSchema
  }),
  /** Deletes a template and its assignments (the clusters keep their policies); says which clusters it was assigned to. */
  'template/delete': defineCommand({
    input: z.object({ id }).strict(),
    output: z.object({ id: z.string(), unassigned: z.array(z.string()) }).strict()
  }),
  /**
   * Records the template as the clusters' standard and returns the plan that brings them to it (nothing is sent).
   * `connectionId` names the connection whose clusters are meant, as in `plan/create`.
   */
  'template/assign': defineCommand({ input: z.object({ templateId: id, clusterIds, connectionId: id.optional() }).strict(), output: planSchema }),
  /** Forgets the clusters' template assignment (their policies stay as they are); of one connection's clusters when named. */
  'template/unassign': defineCommand({
    input: z.object({ clusterIds, connectionId: id.optional() }).strict(),
    output: z.object({ unassigned: z.number().int().nonnegative() }).strict()
  })
}
