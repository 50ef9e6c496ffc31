/** Time as the core sees it; tests inject a controllable one. */
export type Clock = {
  /** Epoch milliseconds, UTC. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current
  }

  set(epochMs: number): void {
    this.current = epochMs
  }

  advance(ms: number): void {
    this.current += ms
  }
}
