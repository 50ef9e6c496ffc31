/**
 * Per-endpoint client-side limiter (docs/reliability.md#r24). Zilliz allows 20 requests/s per user per endpoint
 * (docs/zilliz-api-notes.md#rate-limit). The rule first suggested 10/s; we deliberately run close to 18.4/s
 * instead, because a full sync of 200 clusters must finish within 1.15 × the 20/s floor. Two rules per endpoint,
 * plus a concurrency cap that keeps a slow server from piling up sockets; different keys (endpoints) never wait
 * on each other:
 *
 * - a sliding-window log: at most `perSecond` starts in any window of `windowMs + safetyMarginMs`. This is the
 *   rule the server-side bound rests on. The server counts ARRIVALS, and arrivals are never as even as our starts:
 *   a new connection, or a stalled event loop between a start and its write, delays one request while the next
 *   ones arrive on time. When arrivals are uneven by less than `safetyMarginMs`, the starts of any `perSecond + 1`
 *   arrivals lie more than `windowMs + safetyMarginMs` apart, so they arrive more than `windowMs` apart: no
 *   server second ever gets more than `perSecond`, whatever the bursts. The shipped 20 per 1,075 ms allows 75 ms.
 * - pacing (GCRA): at most `burst` starts back to back, then one per `(windowMs + safetyMarginMs + CATCH_UP_MS) /
 *   perSecond` (54.25 ms shipped). A late start may be caught up by up to CATCH_UP_MS, so `perSecond` consecutive
 *   starts still span at least the log's window: with `burst: 1` the log never holds a start back and the starts
 *   stay evenly spread (a start held back by the log, which has no catch-up, was ≈ 10 ms late every 19 starts: 1 %
 *   of a sync). The shipped limits pace with no burst (`burst: 1`): bursts of 4 once put 22 arrivals into one
 *   server second, when the log was 18 per 1,010 ms and a burst on new connections arrived 40 ms late.
 *
 * A start is recorded when the caller reports that it really sends (`permit.started()`), not when the slot was
 * granted, because a busy event loop can separate the two; a granted permit not yet sent counts as starting now.
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

/**
 * A wake-up timer fires 1–2 ms after a start is allowed (`Math.ceil(wait) + 1` below), later on a busy
 * loop. Pacing counts from when the start was allowed, up to this much earlier than it really happened, so that
 * lateness does not lengthen every interval (2 ms of rounding alone cost 3 % of the throughput). The interval is
 * widened by this much over `perSecond` starts, so that catching up never crowds the window log.
 */
export const CATCH_UP_MS = 10

/** The pacing interval of `options`: `perSecond` paced starts span the log's window even when caught up. */
export function pacingIntervalMs(options: Pick<RateLimiterOptions, 'perSecond' | 'windowMs' | 'safetyMarginMs'>): number {
  return (options.windowMs + options.safetyMarginMs + CATCH_UP_MS) / options.perSecond
}

/** `sent`: the permit's caller reported the real send (`at` is then when it happened, else when it was granted). */
type Start = { at: number; sent: boolean }

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
    this.intervalMs = pacingIntervalMs(options)
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
      lane.starts = lane.starts.filter((s) => !s.sent || now - s.at < this.spanMs)
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
    // A granted permit not yet sent may still be sent now: it leaves the window last.
    const times = lane.starts.map((s) => (s.sent ? s.at : now)).sort((a, b) => a - b)
    return (times[excess] ?? now) + this.spanMs - now
  }

  private admit(key: string, lane: Lane, now: number): Permit {
    const start: Start = { at: now, sent: false }
    lane.starts.push(start)
    lane.tat = Math.max(lane.tat, now - CATCH_UP_MS) + this.intervalMs
    lane.active++
    let released = false
    let hasStarted = false
    return {
      started: () => {
        if (hasStarted) return
        hasStarted = true
        const actual = this.now()
        start.sent = true
        if (actual > start.at) {
          // Sent later than granted: count it where it really happened and pace the next ones from there, with
          // the same catch-up as a late grant (admit), so a few ms between grant and send do not lengthen every
          // interval (they cost ≈ 5 % of a 200-cluster sync).
          lane.tat = Math.max(lane.tat, actual - CATCH_UP_MS + this.intervalMs)
          start.at = actual
        }
        // While unsent it counted as starting now; a waiter held back by it may go earlier.
        if (lane.queue.length > 0) this.pump(key, lane)
      },
      release: () => {
        if (released) return
        released = true
        // Never sent (refused before the send): nothing reached the server, so nothing counts.
        const index = hasStarted ? -1 : lane.starts.indexOf(start)
        if (index >= 0) lane.starts.splice(index, 1)
        lane.active--
        this.pump(key, lane)
      }
    }
  }
}
