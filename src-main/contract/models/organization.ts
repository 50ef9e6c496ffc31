import { z } from 'zod'
import { connectionTagSchema } from './connection.ts'

/**
 * The organization an item belongs to, named as the admin named it: by the connection that reaches it (Zilliz
 * Cloud's API has no organization name). Put on the core's answers (drafts, notices, expected windows) so that
 * no screen joins ids itself; absent when no connection reaches the item's cluster any more.
 */
export const organizationRefSchema = z
  .object({
    connectionId: z.string(),
    name: z.string(),
    tag: connectionTagSchema.nullable()
  })
  .strict()

export type OrganizationRef = z.infer<typeof organizationRefSchema>
