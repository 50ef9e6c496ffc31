import type { CoreErrorCode, ErrorDetails, SerializedError } from './errors.ts'

/*
 * The one builder of envelopes, free of zod and of runtime imports, so that the dispatcher, the IPC
 * wrapper, the browser host, the sandboxed preload and both renderer clients all make failures the same way.
 */

/** Every command resolves one of these; nothing is thrown across the boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError }

/** An error as it crosses the boundary: `details` only when there are some. */
export function serializedError(code: CoreErrorCode, message: string, details?: ErrorDetails): SerializedError {
  return details === undefined ? { name: 'CoreError', code, message } : { name: 'CoreError', code, message, details }
}

export function success<T>(value: T): Envelope<T> {
  return { ok: true, value }
}

export function failure(code: CoreErrorCode, message: string, details?: ErrorDetails): Envelope<never> {
  return { ok: false, error: serializedError(code, message, details) }
}

export function failureOf(error: SerializedError): Envelope<never> {
  return { ok: false, error }
}
