import { z } from 'zod'
import { errorSchema, type SerializedError } from './errors.ts'

/** Every command resolves one of these; nothing is thrown across the boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError }

export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: errorSchema })
  ])
}

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value }
}

export function fail(error: SerializedError): Envelope<never> {
  return { ok: false, error }
}
