import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { organizationRefSchema } from '../models/organization.ts'

/** One expected backup window projected from a mirrored, enabled policy. */
export const expectedWindowSchema = z
  .object({
    clusterId: z.string(),
    clusterName: z.string(),
    organization: organizationRefSchema.optional(),
    /** ISO 8601 UTC. */
    start: z.string(),
    /** ISO 8601 UTC. */
    end: z.string()
  })
  .strict()

export type ExpectedWindow = z.infer<typeof expectedWindowSchema>

export const scheduleCommands = {
  /** Expected windows overlapping the next `horizonHours`, sorted by start. */
  'schedule/upcoming': defineCommand({
    input: z
      .object({ horizonHours: z.number().positive().max(24 * 31) })
      .strict(),
    output: z.array(expectedWindowSchema)
  })
}
