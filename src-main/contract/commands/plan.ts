import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { planApplyResultSchema, planChangeSchema, planSchema } from '../models/plan.ts'

const id = idSchema

export const planCommands = {
  /**
   * Builds a reviewed plan: per cluster the current remote policy, the new one and a verdict. Nothing is sent.
   * `connectionId` names the connection whose clusters are meant; without it every id must be unambiguous.
   */
  'plan/create': defineCommand({
    input: z.object({ clusterIds: z.array(id).min(1).max(5000), connectionId: id.optional(), change: planChangeSchema }).strict(),
    output: planSchema
  }),
  'plan/get': defineCommand({ input: z.object({ planId: id }).strict(), output: planSchema }),
  /**
   * Applies the plan's changes through the draft outbox (`now`: pushed at once, each remote re-read first;
   * `drafts`: queued, pushed after the next successful sync). `clusterIds` limits it to some items (retry).
   */
  'plan/apply': defineCommand({
    input: z.object({ planId: id, mode: z.enum(['now', 'drafts']), clusterIds: z.array(id).min(1).max(5000).optional() }).strict(),
    output: z.array(planApplyResultSchema)
  })
}
