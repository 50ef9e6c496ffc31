/**
 * Per-endpoint client-side limiter (docs/reliability.md#r24). Zilliz allows 20 requests/s per user per endpoint
 * (docs/zilliz-api-notes.md#rate-limit). The rule first suggested 10/s; we deliberately run at 18 per (1000 ms +
 * margin) instead, because a full sync of 200 clusters must finish within 1.15 × the 20/s floor: a sliding-window log
 * guarantees at most `perSecond` request STARTS in any window of `windowMs + safetyMarginMs`, which keeps
 * server-side arrival counts below 20 even with some network jitter, while a concurrency cap keeps a slow
 * server from piling up sockets. Different keys (endpoints) never wait on each other.
 *
 * Starts are also paced (GCRA: at most `burst` back to back, then one per window/perSecond) rather than sent as
 * one burst per window: when a busy event loop or a new TLS connection delays a burst, its requests arrive
 * at the server together with the next window's and can exceed 20 in a second. Paced starts only shift by
 * one or two. The throughput is the same. A start is recorded when the caller reports that it really sends
 * (`permit.started()`), not when the slot was granted, because a busy event loop can separate the two.
 */

export type RateLimiterOptions = {
  perSecond: number
  windowMs: number
  safetyMarginMs: number
  maxConcurrent: number
  /** Starts allowed back to back before pacing applies (≥ 1). */
  burst: number
  /** Monotonic milliseconds; real time by default (the limiter protects a real server). */
  now?: () => number
}

/** A granted slot: call `started()` right before sending and `release()` once the answer has been read. */
export type Permit = { started: () => void; release: () => void }

type Waiter = { grant: (permit: Permit) => void }
type Start = { at: number }

type Lane = {
  starts: Start[]
  active: number
  queue: Waiter[]
  timer: ReturnType<typeof setTimeout> | undefined
  /** GCRA theoretical arrival time of the next start. */
  tat: number
}

export class RateLimiter {
  private readonly lanes = new Map<string, Lane>()
  private readonly now: () => number
  private readonly spanMs: number
  private readonly intervalMs: number
  private readonly toleranceMs: number

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? (() => performance.now())
    this.spanMs = options.windowMs + options.safetyMarginMs
    this.intervalMs = this.spanMs / options.perSecond
    this.toleranceMs = this.intervalMs * (Math.max(1, options.burst) - 1)
  }

  /** Resolves when `key` may start a request; rejects with the signal's reason if it aborts first. */
  acquire(key: string, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted === true) return Promise.reject(signal.reason as Error)
    const lane = this.lane(key)
    return new Promise<Permit>((resolve, reject) => {
      const onAbort = (): void => {
        const index = lane.queue.indexOf(waiter)
        if (index >= 0) lane.queue.splice(index, 1)
        reject(signal?.reason as Error)
      }
      const waiter: Waiter = {
        grant: (permit) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(permit)
        }
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      lane.queue.push(waiter)
      this.pump(key, lane)
    })
  }

  /** Requests waiting for a slot on `key` (for tests and diagnostics). */
  queued(key: string): number {
    return this.lanes.get(key)?.queue.length ?? 0
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key)
    if (lane === undefined) {
      lane = { starts: [], active: 0, queue: [], timer: undefined, tat: 0 }
      this.lanes.set(key, lane)
    }
    return lane
  }

  private pump(key: string, lane: Lane): void {
    if (lane.timer !== undefined) {
      clearTimeout(lane.timer)
      lane.timer = undefined
    }
    while (lane.queue.length > 0 && lane.active < this.options.maxConcurrent) {
      const now = this.now()
      lane.starts = lane.starts.filter((s) => now - s.at < this.spanMs)
      const wait = Math.max(this.windowWait(lane, now), lane.tat - this.toleranceMs - now)
      if (wait > 0) {
        // Wake exactly when a start is allowed again; +1 ms absorbs timer rounding.
        lane.timer = setTimeout(() => this.pump(key, lane), Math.ceil(wait) + 1)
        return
      }
      const waiter = lane.queue.shift()
      if (waiter === undefined) return
      waiter.grant(this.admit(key, lane, now))
    }
  }

  /** How long until fewer than `perSecond` recorded starts remain in the window. */
  private windowWait(lane: Lane, now: number): number {
    const excess = lane.starts.length - this.options.perSecond
    if (excess < 0) return 0
    const times = lane.starts.map((s) => s.at).sort((a, b) => a - b)
    return (times[excess] ?? now) + this.spanMs - now
  }

  private admit(key: string, lane: Lane, now: number): Permit {
    const start: Start = { at: now }
    lane.starts.push(start)
    lane.tat = Math.max(lane.tat, now) + this.intervalMs
    lane.active++
    let released = false
    let hasStarted = false
    return {
      started: () => {
        if (hasStarted) return
        hasStarted = true
        const actual = this.now()
        if (actual > start.at) {
          // Sent later than granted: count it where it really happened and pace the next ones from there.
          lane.tat = Math.max(lane.tat, actual + this.intervalMs)
          start.at = actual
        }
      },
      release: () => {
        if (released) return
        released = true
        lane.active--
        this.pump(key, lane)
      }
    }
  }
}
