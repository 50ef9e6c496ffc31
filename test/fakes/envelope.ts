import type { Envelope } from '#contract/envelope'
import type { SerializedError } from '#contract/errors'

/** The value of a successful envelope; fails the test with the error otherwise. */
export function expectOk<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value
}

/** The error of a failed envelope; fails the test if it succeeded. */
export function expectError(envelope: Envelope<unknown>): SerializedError {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.value).slice(0, 200)}`)
  return envelope.error
}
