import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { draftSchema, draftStateSchema } from '../models/draft.ts'
import { backupPolicySchema } from '../models/policy.ts'
import { MERGE_FIELDS } from '../policy-merge.ts'

const id = idSchema

export const draftPushResultSchema = z
  .object({ id: z.string(), state: draftStateSchema, error: z.string().optional() })
  .strict()

export type DraftPushResult = z.infer<typeof draftPushResultSchema>

export const draftCommands = {
  /** Saves (or replaces) the cluster's draft; works offline. Its base is the mirrored remote policy. */
  'draft/save': defineCommand({ input: z.object({ clusterId: id, connectionId: id.optional(), policy: backupPolicySchema }).strict(), output: draftSchema }),
  'draft/list': defineCommand({
    input: z.object({ connectionId: id.optional(), clusterId: id.optional() }).strict().default({}),
    output: z.array(draftSchema)
  }),
  'draft/discard': defineCommand({ input: z.object({ id }).strict(), output: z.object({ id: z.string() }).strict() }),
  /** Re-reads each remote policy first: a remote changed since the base makes the draft `conflict` and nothing is written. */
  'draft/push': defineCommand({
    input: z.object({ draftIds: z.array(id).min(1).max(500) }).strict(),
    output: z.array(draftPushResultSchema)
  }),
  /**
   * Settles a conflict with the three-way merge (contract/policy-merge.ts): keep-mine rebases the draft on the
   * remote now, mine winning only where both sides changed a field; choose takes `choices` for those fields;
   * take-remote discards the draft.
   */
  'draft/resolve': defineCommand({
    input: z
      .object({
        id,
        resolution: z.enum(['keep-mine', 'take-remote', 'choose']),
        choices: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['mine', 'remote'])).optional()
      })
      .strict(),
    output: z.object({ id: z.string(), draft: draftSchema.nullable() }).strict()
  })
}
