/**
 * One breaker per client (docs/reliability.md#r26): after `threshold` consecutive transient failures (network,
 * timeout, 5xx, 408 — counted per attempt) calls fail fast for `cooldownMs`; then the next call is a single
 * probe whose result closes or re-opens it. Any real answer (even a 4xx or a business error) proves the server
 * is alive and counts as success; a 429 or an attempt that never left is neutral.
 */

export type BreakerState = 'closed' | 'open' | 'half-open'

type BreakerOptions = { threshold: number; cooldownMs: number; now: () => number }

type BreakerPermit = { allowed: true; probe: boolean } | { allowed: false; retryAtMs: number }

export type AttemptVerdict = 'success' | 'failure' | 'neutral'

export class CircuitBreaker {
  private consecutiveFailures = 0
  private openUntil: number | undefined
  private probeInFlight = false
  private opens = 0

  constructor(private readonly options: BreakerOptions) {}

  state(): BreakerState {
    if (this.openUntil === undefined) return 'closed'
    if (this.options.now() < this.openUntil && !this.probeInFlight) return 'open'
    return 'half-open'
  }

  /** How many times it has opened (for stats). */
  timesOpened(): number {
    return this.opens
  }

  tryAcquire(): BreakerPermit {
    if (this.openUntil === undefined) return { allowed: true, probe: false }
    const now = this.options.now()
    if (now < this.openUntil) return { allowed: false, retryAtMs: this.openUntil }
    if (this.probeInFlight) return { allowed: false, retryAtMs: now }
    this.probeInFlight = true
    return { allowed: true, probe: true }
  }

  record(permit: BreakerPermit, verdict: AttemptVerdict): void {
    const isProbe = permit.allowed && permit.probe
    if (isProbe) this.probeInFlight = false
    if (verdict === 'success') {
      this.consecutiveFailures = 0
      this.openUntil = undefined
      return
    }
    if (verdict === 'neutral') return
    this.consecutiveFailures++
    const isClosed = this.openUntil === undefined
    if (isProbe || (isClosed && this.consecutiveFailures >= this.options.threshold)) {
      this.openUntil = this.options.now() + this.options.cooldownMs
      this.opens++
    }
  }
}
