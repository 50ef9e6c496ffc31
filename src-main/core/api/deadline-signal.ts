/**
 * An abort signal with a deadline, released as soon as its work ends. Node's `AbortSignal.timeout` (and a signal
 * made by `AbortSignal.any` from one) stays strongly reachable while anything listens to it, until its timer
 * fires: fetch listens to every request's signal, so each answered request kept its fetch state alive for the
 * whole deadline (15 s a request, 60 s an operation). A 1,000-page backup list then moved ≈ 100 KB a page into the
 * host's old generation, where it stayed as garbage until a full collection (bench/host-memory.bench.ts). Here the
 * timer is cleared and the parent's listener removed by `release()`, so nothing outlives the request.
 */
type DeadlineSignal = {
  readonly signal: AbortSignal
  /** Whether this deadline's own timer fired (as opposed to the parent aborting). */
  hasExpired(): boolean
  /** The work ended: the timer stops and the parent no longer holds this signal. Safe to call twice. */
  release(): void
}

/** Aborts after `ms` with a `TimeoutError` (as `AbortSignal.timeout` does), or when `parent` aborts, with its reason. */
export function deadlineSignal(ms: number, parent?: AbortSignal): DeadlineSignal {
  const controller = new AbortController()
  let hasExpired = false
  const timer = setTimeout(() => {
    hasExpired = true
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))
  }, ms)
  // Like AbortSignal.timeout's timer, this one does not keep the process alive.
  timer.unref()
  const onParentAbort = (): void => controller.abort(parent?.reason)
  if (parent?.aborted === true) onParentAbort()
  else parent?.addEventListener('abort', onParentAbort, { once: true })
  return {
    signal: controller.signal,
    hasExpired: () => hasExpired,
    release() {
      clearTimeout(timer)
      parent?.removeEventListener('abort', onParentAbort)
    }
  }
}
