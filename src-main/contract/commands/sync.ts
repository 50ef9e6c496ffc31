import { z } from 'zod'
import { FAILURE_CAUSES } from '../causes.ts'
import { defineCommand } from '../define.ts'
import { HEALTH_LEVELS } from '../health.ts'
import { idSchema } from '../id.ts'

export const syncResultSchema = z
  .object({
    clusters: z.number().int(),
    policies: z.number().int(),
    backups: z.number().int(),
    requests: z.number().int(),
    durationMs: z.number()
  })
  .strict()

export const syncStatusSchema = z
  .object({
    connectionId: z.string(),
    isRunning: z.boolean(),
    lastStartedAt: z.string().nullable(),
    lastFinishedAt: z.string().nullable(),
    lastError: z.string().nullable(),
    /** When the last sync that succeeded finished; what every "Synced HH:MM" shows. */
    lastSuccessAt: z.string().nullable(),
    /** Why the LAST attempt failed, phrased by CAUSE_TEXT (contract/causes.ts); null when it succeeded. */
    failure: z.object({ cause: z.enum(FAILURE_CAUSES), message: z.string() }).strict().nullable(),
    /** The last attempt could not reach the API: everything shown comes from the cache. */
    isOffline: z.boolean(),
    /** The organization's worst cluster health (contract/health.ts worstHealth over core/fleet/health.ts). */
    health: z.enum(HEALTH_LEVELS)
  })
  .strict()

export type SyncResult = z.infer<typeof syncResultSchema>
export type SyncStatus = z.infer<typeof syncStatusSchema>

export const syncCommands = {
  /** Mirrors projects → clusters → policies → backups → tracked jobs of one connection (the active one by default). */
  'sync/run': defineCommand({
    input: z.object({ connectionId: idSchema.optional() }).strict().default({}),
    output: syncResultSchema
  }),
  'sync/status': defineCommand({ input: z.object({}).strict().default({}), output: z.array(syncStatusSchema) })
}
