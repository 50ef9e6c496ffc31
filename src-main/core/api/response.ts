/**
 * Turns one HTTP answer into the envelope's `data` or a classified `ApiError`, covering both Zilliz error paths
 * (docs/zilliz-api-notes.md#envelope): HTTP ≥ 400 + `{code,message}` and HTTP 200 + non-zero `code`.
 */
import { z } from 'zod'
import { ApiError, compactDetails } from './api-error.ts'
import type { ApiOutcome } from './api-error.ts'
import type { HttpResponse } from './http.ts'

/** v2 answers 0; TF also accepts the v1 success code 200. */
const SUCCESS_CODES = new Set([0, 200])
/** 21119: HTTP 401 "The apikey is illegal"; 80001/80002: older token errors (TF error_test, REF example). */
const AUTH_CODES = new Set([21119, 80001, 80002])
const MAX_SERVER_MESSAGE = 300

const envelopeSchema = z.looseObject({
  code: z.number().int(),
  message: z.string().optional(),
  data: z.unknown().optional()
})

export type Classified =
  | { ok: true; data: unknown; body: Record<string, unknown> }
  | {
      ok: false
      error: ApiError
      /** Worth another attempt for an idempotent request. */
      retryable: boolean
      /** Counts towards opening the breaker. */
      transient: boolean
      retryAfterMs: number | undefined
    }

type ClassifyContext = {
  endpoint: string
  retryAfterMs: (header: string | null) => number | undefined
}

export function classifyResponse(response: HttpResponse, ctx: ClassifyContext): Classified {
  const { status } = response
  const requestId = response.headers.get('requestid') ?? undefined
  const json = parseJson(response.text)
  const envelope = envelopeSchema.safeParse(json)
  const apiCode = envelope.success ? envelope.data.code : undefined
  const serverMessage = envelope.success ? envelope.data.message?.slice(0, MAX_SERVER_MESSAGE) : undefined
  // A request whose answer we cannot trust (5xx, 408, garbage) may have been carried out.
  const unsure: ApiOutcome = 'unknown'
  const fail = (
    code: ConstructorParameters<typeof ApiError>[0],
    message: string,
    outcome: ApiOutcome,
    flags: { retryable: boolean; transient: boolean; retryAfterMs?: number | undefined }
  ): Classified => ({
    ok: false,
    error: new ApiError(code, message, outcome, compactDetails({ apiCode, requestId, retryAfterMs: flags.retryAfterMs })),
    retryable: flags.retryable,
    transient: flags.transient,
    retryAfterMs: flags.retryAfterMs
  })

  if (status === 429) {
    const retryAfterMs = ctx.retryAfterMs(response.headers.get('retry-after'))
    return fail('api/rate-limited', `Zilliz Cloud is throttling ${ctx.endpoint}; try again shortly.`, 'rejected', {
      retryable: true,
      transient: false,
      retryAfterMs
    })
  }
  if (status === 408 || status >= 500) {
    const what = status === 408 ? 'timed out (HTTP 408)' : `had a server error (HTTP ${status})`
    return fail('api/unreachable', `Zilliz Cloud ${what} on ${ctx.endpoint}; try again later.`, unsure, {
      retryable: true,
      transient: true
    })
  }
  if (status === 401 || (apiCode !== undefined && AUTH_CODES.has(apiCode))) {
    const reason = serverMessage ?? `HTTP ${status}`
    return fail('api/unauthorized', `The API key was refused (${reason})`, 'rejected', { retryable: false, transient: false })
  }
  if (status >= 300) {
    const message = serverMessage ?? `Zilliz Cloud refused ${ctx.endpoint} (HTTP ${status}).`
    return fail('api/rejected', message, 'rejected', { retryable: false, transient: false })
  }
  if (!envelope.success) {
    return fail('api/invalid-response', `Zilliz Cloud sent an unreadable answer to ${ctx.endpoint}.`, unsure, {
      retryable: false,
      transient: false
    })
  }
  if (!SUCCESS_CODES.has(envelope.data.code)) {
    const message = serverMessage ?? `Zilliz Cloud refused ${ctx.endpoint} (code ${envelope.data.code}).`
    return fail('api/rejected', message, 'rejected', { retryable: false, transient: false })
  }
  return { ok: true, data: envelope.data.data, body: envelope.data }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
