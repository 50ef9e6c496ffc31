import { backoffDelay, parseRetryAfter } from '../api/retry.ts'
import type { SendResult } from './webhook-sender.ts'

/** Backoff between attempts (full jitter, docs/reliability.md#r23 and #r24 as for the API), and the longest wait. */
const WEBHOOK_BACKOFF = { baseMs: 30_000, capMs: 30 * 60_000 }
/** A Retry-After longer than this is not waited for in full. */
const RETRY_AFTER_CAP_MS = 60 * 60_000
/** The shortest wait between two attempts at one message. */
const MIN_WAIT_MS = 1_000
/** A message that could not be delivered for this long is given up (and logged as such). */
export const GIVE_UP_AFTER_MS = 7 * 24 * 60 * 60_000

type Verdict =
  | { outcome: 'delivered' }
  | { outcome: 'rejected'; why: string }
  | { outcome: 'retry'; atMs: number; reason: 'network' | 'receiver'; why: string; breaker: 'failure' | 'neutral' }

/**
 * What an answer means for the message: 2xx delivered; 408, 425, 429 and 5xx (or no answer) retried later;
 * a redirect or any other 4xx is refused for good (retrying cannot fix a wrong or revoked URL).
 * `retryIndex` is 0 before the first retry.
 */
export function judge(result: SendResult, retryIndex: number, nowMs: number, random: () => number): Verdict {
  const backoffAt = nowMs + Math.max(MIN_WAIT_MS, backoffDelay(retryIndex, WEBHOOK_BACKOFF, random))
  if (!result.answered) return { outcome: 'retry', atMs: backoffAt, reason: 'network', why: result.error, breaker: 'failure' }
  const { status } = result
  if (status >= 200 && status < 300) return { outcome: 'delivered' }
  if (status >= 300 && status < 400) return { outcome: 'rejected', why: 'The receiver answered with a redirect, which is not followed: check the URL.' }
  const isTransient = status === 408 || status === 425 || status === 429 || status >= 500
  if (!isTransient) return { outcome: 'rejected', why: `The receiver refused the message (HTTP ${String(status)}).` }
  const serverNow = result.date === null ? Number.NaN : Date.parse(result.date)
  const retryAfterMs = parseRetryAfter(result.retryAfter, Number.isNaN(serverNow) ? nowMs : serverNow, RETRY_AFTER_CAP_MS)
  const atMs = retryAfterMs === undefined ? backoffAt : nowMs + Math.max(MIN_WAIT_MS, retryAfterMs)
  // A 429 proves the receiver is alive: it does not count toward opening the breaker.
  return { outcome: 'retry', atMs, reason: 'receiver', why: `The receiver answered HTTP ${String(status)}.`, breaker: status === 429 ? 'neutral' : 'failure' }
}
