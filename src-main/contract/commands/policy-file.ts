import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { FILE_TEXT_MAX } from '../limits.ts'
import { planSchema } from '../models/plan.ts'

export const policyExportFormatSchema = z.enum(['yaml', 'json', 'terraform'])
export type PolicyExportFormat = z.infer<typeof policyExportFormatSchema>

/** A problem in a policy file: its 1-based line, the field as a dotted path, and what is wrong. */
export const policyFileProblemSchema = z.object({ line: z.number().int().nonnegative(), field: z.string().optional(), message: z.string() }).strict()
export type PolicyFileProblem = z.infer<typeof policyFileProblemSchema>

export const policyFileCommands = {
  /**
   * The policies of the given clusters (every cluster of the connection by default) as a policy file
   * (docs/policy-files.md) or Terraform. Clusters that cannot be backed up or whose policy was never
   * read are left out.
   */
  'policy/export': defineCommand({
    input: z
      .object({
        format: policyExportFormatSchema,
        clusterIds: z.array(idSchema).max(10_000).optional(),
        connectionId: idSchema.optional()
      })
      .strict(),
    output: z.object({ filename: z.string(), content: z.string(), clusters: z.number().int() }).strict()
  }),
  /**
   * Reads a policy file (YAML or JSON, docs/policy-files.md) and stores the plan that would bring its clusters to
   * it, from the cache (offline; nothing is sent). A file that cannot be read as a whole (syntax, apiVersion, kind,
   * a bad template) gives `problems` and no plan; a bad cluster entry is an `invalid` item with its line and field.
   * Apply the plan with plan/apply. With `store: false` the plan is only shown (`backup-desk plan`): nothing is
   * written, so a read-only look neither grows the database nor leaves a plan that plan/apply could find.
   */
  'policy/import-plan': defineCommand({
    input: z.object({ text: z.string().max(FILE_TEXT_MAX), store: z.boolean().optional(), connectionId: idSchema.optional() }).strict(),
    output: z.object({ plan: planSchema.nullable(), problems: z.array(policyFileProblemSchema) }).strict()
  })
}
