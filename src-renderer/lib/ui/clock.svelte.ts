/** A shared minute tick, so that many countdowns re-render together instead of each running a timer. */
class Clock {
  now = $state(Date.now())

  /** Ticks until the returned function is called; started once, by the shell. */
  watch(intervalMs = 30_000): () => void {
    const timer = setInterval(() => {
      this.now = Date.now()
    }, intervalMs)
    return () => clearInterval(timer)
  }
}

export const clock = new Clock()
