import { z } from 'zod'
import { organizationRefSchema } from './organization.ts'
import { backupPolicySchema } from './policy.ts'

export const draftStateSchema = z.enum([
  /** Saved locally, not yet asked to be pushed. */
  'local',
  /** Asked to be pushed; waits for the API to be reachable. */
  'queued',
  /** Being pushed right now. */
  'syncing',
  /** Pushed and confirmed by a re-read of the remote policy. */
  'synced',
  /** The remote changed since the draft's base: nothing was written, the admin decides. */
  'conflict',
  /** The API refused the policy; `error` says why. */
  'failed'
])
export type DraftState = z.infer<typeof draftStateSchema>

export const draftSchema = z
  .object({
    id: z.string(),
    clusterId: z.string(),
    /** The mirror's name for the cluster, or the one stored with the draft once the mirror no longer lists it. */
    clusterName: z.string().optional(),
    connectionId: z.string(),
    /** The organization the draft belongs to; absent when no connection reaches it (see `orphan`). */
    organization: organizationRefSchema.optional(),
    /** The organization's name as it was when the draft was last saved: names a detached draft's organization. */
    organizationName: z.string().optional(),
    policy: backupPolicySchema,
    /** The remote policy the draft was based on; null when it was drafted before any sync. */
    basePolicy: backupPolicySchema.nullable(),
    state: draftStateSchema,
    error: z.string().optional(),
    /**
     * Set when the draft cannot be pushed as it stands: 'organization' when no connection reaches its organization
     * (re-adding one re-attaches it at its first sync), 'cluster' when the cluster is gone. It can be exported or discarded.
     */
    orphan: z.enum(['organization', 'cluster']).optional(),
    /** The template a fleet plan applies through this draft; recorded in the policy history once pushed. */
    templateName: z.string().optional(),
    updatedAt: z.string()
  })
  .strict()

export type Draft = z.infer<typeof draftSchema>
