/** Backoff and Retry-After arithmetic (docs/reliability.md#r23 and #r24; AWS "Exponential Backoff and Jitter"). */

type BackoffOptions = { baseMs: number; capMs: number }

/** Full jitter: uniform in `[0, min(cap, base·2^retryIndex))`; `retryIndex` is 0 before the first retry. */
export function backoffDelay(retryIndex: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** retryIndex)
  return Math.floor(random() * ceiling)
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) as milliseconds from now, capped. An HTTP-date is read against the server's
 * clock (`serverNowMs`), never ours, so a skewed local clock neither shortens nor stretches the wait.
 * Returns undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null,
  serverNowMs: number,
  capMs: number
): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  let delayMs: number
  if (/^\d+$/.test(trimmed)) {
    delayMs = Number(trimmed) * 1000
  } else {
    const at = Date.parse(trimmed)
    if (Number.isNaN(at)) return undefined
    delayMs = at - serverNowMs
  }
  return Math.min(capMs, Math.max(0, delayMs))
}
