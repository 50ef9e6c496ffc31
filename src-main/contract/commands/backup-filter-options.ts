import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { clusterSchema, projectSchema } from '../models/cluster.ts'

/**
 * A cluster as the Backups screen offers it: a filter option, a choice of the Create backup dialog, a target of
 * the Restore collection dialog. Only what those show and pick by (a name, its project, whether it is RUNNING and
 * Dedicated): no health, protection or lint, which `cluster/list` computes for the Fleet.
 */
export const clusterChoiceSchema = clusterSchema
  .pick({ clusterId: true, clusterName: true, projectId: true, connectionId: true, deployment: true, status: true })
  .extend({
    projectName: z.string(),
    /** Backups exist only for Dedicated clusters. */
    supportsBackup: z.boolean()
  })
  .strict()

export type ClusterChoice = z.infer<typeof clusterChoiceSchema>

export const backupFilterOptionsSchema = z
  .object({
    /** Every cached cluster of the connection, by name. */
    clusters: z.array(clusterChoiceSchema),
    /** Every cached project of the connection, by name. */
    projects: z.array(projectSchema)
  })
  .strict()

export type BackupFilterOptions = z.infer<typeof backupFilterOptionsSchema>

export const backupFilterOptionsCommands = {
  /**
   * The Backups screen's clusters and projects, read straight from the cache: a few milliseconds with a thousand
   * clusters, so a search typed meanwhile never waits behind it (bench/ui-backups, "first search after a sync").
   */
  'backup/filter-options': defineCommand({
    input: z.object({ connectionId: idSchema.optional() }).strict().default({}),
    output: backupFilterOptionsSchema
  })
}
