import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { TIMELINE_MARK_KINDS, TIMELINE_MAX_LANES, TIMELINE_MAX_RANGE_DAYS } from '../timeline-marks.ts'

const isoDate = z.iso.datetime({ offset: true })
const DAY_MS = 86_400_000

/** One thing on a cluster's lane; `end` only for a future window, backup fields only for backup marks. */
export const timelineMarkSchema = z
  .object({
    kind: z.enum(TIMELINE_MARK_KINDS),
    /** ISO 8601 UTC: creation (backups), window start (windows, missed), job end (failed), expiry (expiry). */
    at: z.string(),
    end: z.string().optional(),
    backupId: z.string().optional(),
    backupName: z.string().optional()
  })
  .strict()

export type TimelineMark = z.infer<typeof timelineMarkSchema>

export const timelineLaneSchema = z
  .object({
    clusterId: z.string(),
    clusterName: z.string(),
    connectionId: z.string(),
    connectionName: z.string(),
    projectId: z.string(),
    projectName: z.string(),
    /** Oldest → newest AVAILABLE backup listed now (the cache); null when nothing is restorable. */
    restorable: z.object({ from: z.string(), to: z.string() }).strict().nullable(),
    /** In time order. */
    marks: z.array(timelineMarkSchema)
  })
  .strict()

export type TimelineLane = z.infer<typeof timelineLaneSchema>

/** A run of consecutive lanes of one project (of one connection), in lane order: the picture's headings. */
export const timelineGroupSchema = z
  .object({ connectionId: z.string(), connectionName: z.string(), projectId: z.string(), projectName: z.string(), lanes: z.number().int() })
  .strict()

export type TimelineGroup = z.infer<typeof timelineGroupSchema>

export const timelineCommands = {
  /**
   * The Timeline picture's lanes: one per cached cluster, ordered by connection, project and cluster name, paged by
   * lane (`offset`, `limit`) with the marks in [from, to). `groups` and `total` cover every lane of the scope,
   * so a windowed picture can lay out all rows while it asks only for the visible ones.
   */
  'timeline/lanes': defineCommand({
    input: z
      .object({
        from: isoDate,
        to: isoDate,
        connectionId: idSchema.optional(),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().positive().max(TIMELINE_MAX_LANES).default(100)
      })
      .strict()
      .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: 'from must be before to.', path: ['to'] })
      .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= TIMELINE_MAX_RANGE_DAYS * DAY_MS, {
        message: `The range spans at most ${String(TIMELINE_MAX_RANGE_DAYS)} days.`,
        path: ['to']
      }),
    output: z
      .object({
        total: z.number().int(),
        groups: z.array(timelineGroupSchema),
        lanes: z.array(timelineLaneSchema)
      })
      .strict()
  })
}
