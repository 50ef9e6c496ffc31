/**
 * Estimates server − local clock offset from `Date` response headers (docs/reliability.md#r28), smoothed because a
 * `Date` header has one-second resolution and responses arrive after a variable delay.
 */
export class ClockSkew {
  private estimateMs: number | undefined

  constructor(private readonly alpha = 0.3) {}

  /** `dateHeader` as sent by the server; `localNowMs` when the response arrived. */
  observe(dateHeader: string | null, localNowMs: number): void {
    if (dateHeader === null) return
    const serverMs = Date.parse(dateHeader)
    if (Number.isNaN(serverMs)) return
    // The header truncates to the second: on average the server was half a second further on.
    const sample = serverMs + 500 - localNowMs
    // A jump of minutes means the local clock was changed (or the machine slept): start over.
    if (this.estimateMs === undefined || Math.abs(sample - this.estimateMs) > 120_000) {
      this.estimateMs = sample
    } else {
      this.estimateMs += this.alpha * (sample - this.estimateMs)
    }
  }

  /** Whether a response with a usable `Date` header has been seen (until then `ms` is a guess of 0). */
  get isKnown(): boolean {
    return this.estimateMs !== undefined
  }

  /** Server minus local, in ms; 0 until a response with a `Date` header has been seen. */
  get ms(): number {
    return Math.round(this.estimateMs ?? 0)
  }
}
