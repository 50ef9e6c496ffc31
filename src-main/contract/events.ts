import { z } from 'zod'
import { draftStateSchema } from './models/draft.ts'
import { jobActionSchema, jobSchema, trackedJobStatusSchema } from './models/job.ts'
import { notificationSchema } from './models/notification.ts'
import { errorSchema } from './errors.ts'
import type { EventNameLiteral } from './event-names.ts'

/** Every event the core emits, `noun/past-participle`, with its payload schema. */
export const events = {
  'sync/progressed': z.object({
    connectionId: z.string(),
    phase: z.enum(['projects', 'clusters', 'policies', 'backups', 'jobs']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable()
  }),
  'sync/finished': z.object({
    connectionId: z.string(),
    ok: z.boolean(),
    error: errorSchema.optional()
  }),
  'notification/raised': notificationSchema,
  'draft/state-changed': z.object({
    id: z.string(),
    clusterId: z.string(),
    state: draftStateSchema,
    error: z.string().optional()
  }),
  /** Progress of `plan/apply`: clusters settled so far (applied, unchanged, conflict, failed, queued). */
  'plan/progressed': z.object({
    planId: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative()
  }),
  'job/updated': jobSchema.extend({
    status: trackedJobStatusSchema,
    action: jobActionSchema,
    connectionId: z.string(),
    clusterId: z.string(),
    backupId: z.string().nullable(),
    /** When the core last saw the job change (ISO UTC): a running job's state is as of then (Jobs says so). */
    updatedAt: z.string()
  })
}

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

/** One event as it travels over IPC or server-sent events. */
export type EventMessage = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName]

// The zod-free list in event-names.ts must name exactly these events.
export type { EventNameLiteral }
export { isEventName } from './event-names.ts'
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
export const eventNamesMatch: SameNames<EventName, EventNameLiteral> = true
