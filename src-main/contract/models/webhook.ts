import { z } from 'zod'
import { notificationKindSchema } from './notification.ts'

export const webhookKindSchema = z.enum(['slack', 'teams', 'json'])
export type WebhookKind = z.infer<typeof webhookKindSchema>

/** A local wall-clock time `HH:MM` (the daily digest's). */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 08:30.')

/** A destination as the renderer sees it: never the URL, only its host and last characters (`urlHint`). */
export const webhookSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: webhookKindSchema,
    urlHint: z.string(),
    /** The notice kinds it receives; null = every kind. */
    kinds: z.array(notificationKindSchema).nullable(),
    /** Only notices about this connection's clusters; null = every connection. */
    connectionId: z.string().nullable(),
    prefix: z.string(),
    /** null = one message per notice; else one digest a day at this local time. */
    digestTime: z.string().nullable(),
    createdAt: z.string(),
    /** Messages waiting to be delivered (held by quiet hours, offline, or retrying). */
    pending: z.number().int().nonnegative(),
    /** Whether the receiver failed so often that deliveries pause for a while. */
    breaker: z.enum(['closed', 'open', 'half-open'])
  })
  .strict()
export type Webhook = z.infer<typeof webhookSchema>

/**
 * One line of a destination's delivery log: an attempt and how it ended. `delivered` and `rejected`
 * (a 4xx, a redirect) are final; `retrying` is followed by another attempt; `gave-up` ends a message that
 * could not be delivered for too long.
 */
export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    eventId: z.string(),
    title: z.string(),
    result: z.enum(['delivered', 'retrying', 'rejected', 'gave-up', 'test-ok', 'test-failed']),
    /** The receiver's HTTP status; null when no answer came (network, deadline). */
    status: z.number().int().nullable(),
    attempt: z.number().int().positive(),
    /** Delivered well after the notice was raised (offline, quiet hours, app closed). */
    late: z.boolean(),
    /** Why an attempt failed, in words; never the URL. */
    error: z.string().nullable()
  })
  .strict()
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>
