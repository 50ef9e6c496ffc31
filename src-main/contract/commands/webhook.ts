import { z } from 'zod'
import { defineCommand } from '../define.ts'
import { notificationKindSchema } from '../models/notification.ts'
import { localTimeSchema, webhookDeliverySchema, webhookKindSchema, webhookSchema } from '../models/webhook.ts'

const id = z.string().min(1).max(100)

export const webhookCommands = {
  /**
   * Adds a destination. The URL goes to the OS keychain only (docs/webhooks.md); it must be https, or http on
   * a loopback address. `kinds` omitted = every kind; `digestTime` = one message a day at that local time.
   */
  'webhook/add': defineCommand({
    input: z
      .object({
        name: z.string().trim().min(1, 'Give the destination a name.').max(80),
        kind: webhookKindSchema,
        url: z.string().trim().min(1).max(2000),
        kinds: z.array(notificationKindSchema.exclude(['digest'])).min(1).max(20).optional(),
        connectionId: id.optional(),
        prefix: z.string().trim().max(40).optional(),
        digestTime: localTimeSchema.optional()
      })
      .strict(),
    output: webhookSchema
  }),
  'webhook/list': defineCommand({ input: z.object({}).strict().default({}), output: z.array(webhookSchema) }),
  /** Deletes the destination, its keychain entry, its undelivered messages and its log. */
  'webhook/remove': defineCommand({ input: z.object({ id }).strict(), output: z.object({ id: z.string() }).strict() }),
  /** Sends a test message now (quiet hours do not apply) and returns the receiver's answer. */
  'webhook/test': defineCommand({
    input: z.object({ id }).strict(),
    output: z
      .object({
        /** The HTTP status; null when no answer came. */
        status: z.number().int().nullable(),
        ok: z.boolean(),
        /** The start of the receiver's answer (or why none came). */
        answer: z.string()
      })
      .strict()
  }),
  /** The delivery log, newest first. */
  'webhook/deliveries': defineCommand({
    input: z.object({ id, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(webhookDeliverySchema)
  })
}
