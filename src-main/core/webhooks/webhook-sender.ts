import { findErrorCode } from '../api/http.ts'

/**
 * One POST to a destination. Redirects are not followed (a redirect could carry the message elsewhere), the
 * answer's body is read up to a small cap, and each attempt has its own deadline. Failures are described
 * without the URL: undici's messages can contain it, so only its error code is kept.
 */

export type SendOptions = { timeoutMs: number; bodyCapBytes: number; fetchImpl?: typeof fetch }

export type SendResult =
  | { answered: true; status: number; retryAfter: string | null; date: string | null; body: string }
  | { answered: false; reason: 'timeout' | 'network'; error: string }

export const DEFAULT_SEND_OPTIONS: SendOptions = { timeoutMs: 10_000, bodyCapBytes: 2048 }

export async function postMessage(url: string, body: string, options: SendOptions): Promise<SendResult> {
  const signal = AbortSignal.timeout(options.timeoutMs)
  try {
    const response = await (options.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Backup Desk' },
      body,
      redirect: 'manual',
      signal
    })
    const text = await readCapped(response, options.bodyCapBytes)
    return { answered: true, status: response.status, retryAfter: response.headers.get('retry-after'), date: response.headers.get('date'), body: text }
  } catch (error) {
    if (signal.aborted) return { answered: false, reason: 'timeout', error: `No answer within ${String(options.timeoutMs / 1000)} s.` }
    return { answered: false, reason: 'network', error: `The receiver could not be reached (${findErrorCode(error) ?? 'network error'}).` }
  }
}

/** Reads at most `cap` bytes of the body, then cancels the rest (a receiver cannot make us read megabytes). */
async function readCapped(response: Response, cap: number): Promise<string> {
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < cap) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return Buffer.concat(chunks).subarray(0, cap).toString('utf8')
}
