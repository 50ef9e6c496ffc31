import { CoreError } from '#contract/errors'
import type { CoreErrorCode, ErrorDetails } from '#contract/errors'

/**
 * What a failed call did on the server, for callers that must not resend a non-idempotent request blindly
 * (docs/reliability.md#r25; Zilliz has no idempotency key):
 * - `not-sent`: provably never reached the server (connect-phase error, breaker or limiter refusal) → safe to resend;
 * - `rejected`: the server answered and did not perform it (4xx, HTTP 200 + error code, 429) → safe to resend later;
 * - `unknown`: it may or may not have happened (timeout after sending, reset mid-response, 5xx, malformed body)
 *   → reconcile (e.g. against List Backups) instead of resending.
 */
export type ApiOutcome = 'not-sent' | 'rejected' | 'unknown'

/** A `CoreError` that also knows the outcome of the request. Crosses the contract as a plain CoreError. */
export class ApiError extends CoreError {
  constructor(
    code: CoreErrorCode,
    message: string,
    readonly outcome: ApiOutcome,
    details?: ErrorDetails,
    options?: ErrorOptions
  ) {
    super(code, message, details, options)
  }
}

/** The outcome of any thrown value; anything that is not an `ApiError` is treated as `unknown` (the safe answer). */
export function outcomeOf(error: unknown): ApiOutcome {
  return error instanceof ApiError ? error.outcome : 'unknown'
}

/** Drops undefined members so the strict contract details schema accepts the result. */
export function compactDetails(details: {
  apiCode?: number | undefined
  requestId?: string | undefined
  retryAfterMs?: number | undefined
}): ErrorDetails | undefined {
  const out: ErrorDetails = {}
  if (details.apiCode !== undefined && Number.isInteger(details.apiCode)) out.apiCode = details.apiCode
  if (details.requestId !== undefined && details.requestId !== '') out.requestId = details.requestId.slice(0, 200)
  if (details.retryAfterMs !== undefined) out.retryAfterMs = Math.max(0, Math.round(details.retryAfterMs))
  return Object.keys(out).length === 0 ? undefined : out
}
