/** A shared minute tick, so that many countdowns re-render together instead of each running a timer. */
export class Clock {
  now = $state(Date.now())
  private timer: ReturnType<typeof setInterval> | null = null

  start(intervalMs = 30_000): void {
    this.timer ??= setInterval(() => {
      this.now = Date.now()
    }, intervalMs)
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }
}

export const clock = new Clock()
