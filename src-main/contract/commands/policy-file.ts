import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'

export const policyExportFormatSchema = z.enum(['yaml', 'json', 'terraform'])
export type PolicyExportFormat = z.infer<typeof policyExportFormatSchema>

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
  })
}
