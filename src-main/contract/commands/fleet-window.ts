import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { PROTECTION_CLASSES } from '../protection.ts'
import { fleetRowSchema } from './cluster.ts'

const countSchema = z.number().int().nonnegative()

/** One project of the Fleet with how many clusters it has: its section is drawn at its full height at once. */
export const fleetWindowProjectSchema = z
  .object({ projectId: z.string(), projectName: z.string(), plan: z.string().nullable(), clusterCount: countSchema })
  .strict()

export const fleetWindowSchema = z
  .object({
    /** The first `limit` rows in the Fleet's order (contract/fleet-rules.ts `fleetNameOrder`), as `cluster/list` has them. */
    rows: z.array(fleetRowSchema),
    /** How many clusters the whole fleet has: `rows` is all of it when they are as many. */
    total: countSchema,
    /** Every project in the Fleet's order, also those without clusters. */
    projects: z.array(fleetWindowProjectSchema),
    /** The summary's parts over the WHOLE fleet (contract/fleet-rules.ts `fleetCounts`). */
    counts: z
      .object({ protection: z.object(Object.fromEntries(PROTECTION_CLASSES.map((c) => [c, countSchema])) as Record<(typeof PROTECTION_CLASSES)[number], typeof countSchema>).strict(), drifted: countSchema, noPolicy: countSchema })
      .strict()
  })
  .strict()

export type FleetWindow = z.infer<typeof fleetWindowSchema>

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  } catch {
    return false
  }
}

export const fleetWindowCommands = {
  /**
   * The Fleet's first frame (bench/ui-fleet): the rows a fresh page shows first, and the summary and the projects'
   * sizes for the whole fleet, without the figures of the clusters not in the window. `cluster/list` follows.
   */
  'cluster/list-window': defineCommand({
    input: z
      .object({
        connectionId: idSchema.optional(),
        limit: z.number().int().min(1).max(1000),
        /** The page's locale (`navigator.language`): the names are ordered as the page orders them. */
        locale: z.string().min(1).max(35).refine(isLocale, 'not a locale tag').optional()
      })
      .strict(),
    output: fleetWindowSchema
  })
}
