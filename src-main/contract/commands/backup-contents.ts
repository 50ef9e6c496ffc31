import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { idSchema } from '../id.ts'

/** One collection a backup holds, as the API's describe backup reports it. */
export const backupCollectionSchema = z
  .object({
    /** Its database; `default` when the API's flat `collections` form names none (docs/zilliz-api-notes.md#describe-backup). */
    dbName: z.string(),
    collectionName: z.string(),
    /** LOADED / UNLOADED when the API says. */
    status: z.string().nullable()
  })
  .strict()

export type BackupCollection = z.infer<typeof backupCollectionSchema>

export const backupContentsCommands = {
  /**
   * The collections of one backup, asked from the API each time (describe backup; the mirror does not keep them),
   * so that a collection to restore is picked from the backup rather than typed. `connectionId` names the
   * backup's organization (two may list the same cluster id); without it the cluster id must be unambiguous.
   */
  'backup/collections': defineCommand({
    input: z.object({ clusterId: idSchema, backupId: idSchema, connectionId: idSchema.optional() }).strict(),
    output: z.array(backupCollectionSchema)
  })
}
