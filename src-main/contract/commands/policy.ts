import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'
import { mirroredPolicySchema } from '../models/cluster.ts'
import { backupPolicySchema } from '../models/policy.ts'

export const policyHistoryEntrySchema = z
  .object({
    clusterId: z.string(),
    at: z.string(),
    /** `local-push`: applied from Backup Desk; `remote-change`: seen by a sync, made elsewhere. */
    source: z.enum(['local-push', 'remote-change']),
    before: backupPolicySchema.nullable(),
    after: backupPolicySchema,
    /** The template a fleet plan applied with this change. */
    templateName: z.string().optional()
  })
  .strict()

export type PolicyHistoryEntry = z.infer<typeof policyHistoryEntrySchema>

const clusterId = idSchema
/** Cluster ids are unique in Zilliz Cloud; the connection only disambiguates emulators that share a seed. */
const connectionId = idSchema.optional()

export const policyCommands = {
  /** The mirrored remote policy and when it was read. */
  'policy/get': defineCommand({ input: z.object({ clusterId, connectionId }).strict(), output: mirroredPolicySchema }),
  /** Saves the policy as a draft and pushes it at once, with the same conflict check as `draft/push`. */
  'policy/apply': defineCommand({
    input: z.object({ clusterId, connectionId, policy: backupPolicySchema }).strict(),
    output: z.object({ draftId: z.string(), state: z.enum(['synced', 'conflict', 'failed', 'queued']), error: z.string().optional() })
  }),
  'policy/history': defineCommand({ input: z.object({ clusterId, connectionId }).strict(), output: z.array(policyHistoryEntrySchema) })
}
