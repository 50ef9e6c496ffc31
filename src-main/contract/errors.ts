import { z } from 'zod'
import { FAILURE_CAUSES } from './causes.ts'
import { serializedError } from './envelope.ts'

/** The closed set of error codes that cross the contract. Codes are `area/reason`. */
export const ERROR_CODES = [
  /** The API could not be reached (network down, DNS, connection refused, circuit open). */
  'api/unreachable',
  /** An attempt or the whole operation ran past its deadline. */
  'api/timeout',
  /** The API key was refused (HTTP 401, code 21119). */
  'api/unauthorized',
  /** The API answered with a business or validation error; `details.apiCode` carries its code. */
  'api/rejected',
  /** The API throttled us (HTTP 429) and retries ran out. */
  'api/rate-limited',
  /** The API answered with something that is not the documented shape. */
  'api/invalid-response',
  'input/invalid',
  'draft/conflict',
  'secret/unavailable',
  /** The local database refused a write (disk full, read-only, corrupt). */
  'store/failed',
  /** The operation cannot run now because another one is in progress. */
  'busy',
  'not-found',
  /** The window cannot ask its own host (the browser host stopped, or runs again and no longer accepts this page). Made by the page, never by the core. */
  'host/unreachable',
  'internal'
] as const

export type CoreErrorCode = (typeof ERROR_CODES)[number]

export const errorDetailsSchema = z
  .object({
    apiCode: z.number().int().optional(),
    requestId: z.string().max(200).optional(),
    retryAfterMs: z.number().int().nonnegative().optional(),
    field: z.string().max(200).optional(),
    /** Why, when the code alone does not say (a missing key and a locked keychain are both secret/unavailable). */
    cause: z.enum(FAILURE_CAUSES).optional()
  })
  .strict()

export type ErrorDetails = z.infer<typeof errorDetailsSchema>

export const errorSchema = z
  .object({
    name: z.literal('CoreError'),
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: errorDetailsSchema.optional()
  })
  .strict()

/** An error as it crosses the contract boundary: plain data, never a stack. */
export type SerializedError = z.infer<typeof errorSchema>

/** The one error class of the app. The `cause` stays on the core side; only code/message/details cross. */
export class CoreError extends Error {
  override readonly name = 'CoreError'

  constructor(
    readonly code: CoreErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    options?: ErrorOptions
  ) {
    super(message, options)
  }

  toJSON(): SerializedError {
    return serializedError(this.code, this.message, this.details)
  }
}

export function isCoreError(value: unknown): value is CoreError {
  return value instanceof CoreError
}
