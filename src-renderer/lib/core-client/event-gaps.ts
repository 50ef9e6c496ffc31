/**
 * Tells when reads answered so far may have missed a core event (contract/event-stream.ts): the event stream
 * reconnected (events sent while it was down reached no one), or a read was answered from before the stream began
 * (it was read before the stream subscribed, and an event sent in between reached neither). Each answer is checked
 * once: an answer to a request sent before the last gap is already covered by the reads that gap caused.
 */
export class EventGaps {
  /** The count of events the current stream follows on from; null while no stream is up. */
  private streamStart: number | null = null
  private hasStreamed = false
  /** The lowest count of the answers that came while no stream was up, to check when one starts. */
  private lowestUnchecked = Number.POSITIVE_INFINITY
  private gaps = 0

  constructor(private readonly onGap: () => void) {}

  /** The mark a request is sent with (`answered` takes it back). */
  get mark(): number {
    return this.gaps
  }

  /** A stream started, following on from the `seen`-th event. */
  streamStarted(seen: number): void {
    const lowest = this.lowestUnchecked
    const isReconnection = this.hasStreamed
    this.streamStart = seen
    this.hasStreamed = true
    this.lowestUnchecked = Number.POSITIVE_INFINITY
    if (isReconnection || lowest < seen) this.gap()
  }

  streamDropped(): void {
    this.streamStart = null
  }

  /** A request sent at `mark` was answered as of the `seen`-th event. */
  answered(mark: number, seen: number): void {
    if (mark !== this.gaps) return
    if (this.streamStart === null) this.lowestUnchecked = Math.min(this.lowestUnchecked, seen)
    else if (seen < this.streamStart) this.gap()
  }

  private gap(): void {
    this.gaps += 1
    this.onGap()
  }
}
