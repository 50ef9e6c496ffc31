import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'

/**
 * The regions a cluster's cross-region copies may go to, from the API's region list (`GET /v2/regions`):
 * the same cloud provider as the cluster, never its own region, none on Azure (docs/zilliz-api-notes.md#cross-region).
 */
export const copyRegionsSchema = z
  .object({
    /** The cluster's cloud provider (`aws`, `gcp`, `azure`, …); null when the region list does not name it. */
    cloudId: z.string().nullable(),
    /** False on Azure, where Zilliz offers no cross-region copies. */
    copiesSupported: z.boolean(),
    regions: z.array(z.object({ regionId: z.string() }).strict())
  })
  .strict()

export type CopyRegions = z.infer<typeof copyRegionsSchema>

export const regionCommands = {
  /** Asks the API once per connection (kept in memory); answers from that list afterwards. */
  'region/list': defineCommand({
    input: z.object({ clusterId: idSchema, connectionId: idSchema.optional() }).strict(),
    output: copyRegionsSchema
  })
}
