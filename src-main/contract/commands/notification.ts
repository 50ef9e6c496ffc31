import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { notificationSchema } from '../models/notification.ts'

export const notificationCommands = {
  /**
   * The notification centre, newest first: one entry per organization, cluster and kind (its latest notice, with
   * `group`), so a repeated notice collapses. With `groupOf` (a notice id): the single notices of that notice's
   * group, newest first.
   */
  'notification/list': defineCommand({
    input: z
      .object({
        unreadOnly: z.boolean().optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        groupOf: z.string().max(40).optional()
      })
      .strict()
      .default({}),
    output: z.array(notificationSchema)
  }),
  /**
   * How many entries of the centre are unread (a group of repeated notices counts once, a digest never): the badge's
   * number, without reading the entries.
   */
  'notification/unread-count': defineCommand({
    input: z.object({}).strict().default({}),
    output: z.object({ unread: z.number().int().nonnegative() }).strict()
  }),
  /**
   * Marks the given notices, every notice of the groups of the given ids (what an entry of the centre stands for),
   * or all of them, read. Returns how many notices changed.
   */
  'notification/mark-read': defineCommand({
    input: z.union([
      z.object({ ids: z.array(z.string().max(40)).max(1000) }).strict(),
      z.object({ groupsOf: z.array(z.string().max(40)).max(1000) }).strict(),
      z.object({ all: z.literal(true) }).strict()
    ]),
    output: z.object({ updated: z.number().int().nonnegative() }).strict()
  })
}
