/**
 * One HTTP attempt: fetch under a per-attempt deadline, body included, with the failure classified by
 * whether the request can have reached the server. Knows nothing about envelopes or retries.
 */
import { deadlineSignal } from './deadline-signal.ts'

type HttpRequest = {
  method: 'GET' | 'POST' | 'DELETE'
  url: string
  headers: Record<string, string>
  body?: string
  /** Per-attempt deadline, from the first byte sent to the last byte of the body. */
  timeoutMs: number
  /** The operation's overall deadline (or a caller's cancellation). */
  signal: AbortSignal
}

export type HttpResponse = { status: number; headers: Headers; text: string }

/**
 * - `connect`: failed before a byte of the request was written (refused, DNS, TLS handshake) → provably unsent;
 * - `timeout`: the attempt deadline passed; `deadline`: the overall deadline or a cancellation did;
 * - `broken`: anything after the connection was up (reset, stream cut mid-body) → outcome unknown.
 */
type TransportFailureKind = 'connect' | 'timeout' | 'deadline' | 'broken'

export type HttpResult =
  | { ok: true; response: HttpResponse }
  | { ok: false; kind: TransportFailureKind; errorCode: string | undefined; cause: unknown }

/** Error codes that undici/Node raise only while establishing the connection, before the request is written. */
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

export async function sendOnce(fetchImpl: typeof fetch, request: HttpRequest): Promise<HttpResult> {
  // Aborting closes the socket (undici destroys a connection whose response was not fully read). Released when
  // the attempt ends, so fetch's state is not kept alive until the deadline (deadline-signal.ts).
  const attempt = deadlineSignal(request.timeoutMs, request.signal)
  const { signal } = attempt
  try {
    const res = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      // A redirect is never expected from the control plane; following one could carry the key elsewhere.
      redirect: 'manual',
      signal
    })
    const text = await res.text()
    return { ok: true, response: { status: res.status, headers: res.headers, text } }
  } catch (cause) {
    const errorCode = findErrorCode(cause)
    if (request.signal.aborted) return { ok: false, kind: 'deadline', errorCode, cause }
    if (attempt.hasExpired()) return { ok: false, kind: 'timeout', errorCode, cause }
    const kind = errorCode !== undefined && CONNECT_PHASE_CODES.has(errorCode) ? 'connect' : 'broken'
    return { ok: false, kind, errorCode, cause }
  } finally {
    attempt.release()
  }
}

/** undici wraps the socket error: `TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })`, sometimes nested. */
export function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    const aggregated = (current as { errors?: unknown }).errors
    if (Array.isArray(aggregated) && aggregated.length > 0) {
      current = aggregated[0]
      continue
    }
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}
