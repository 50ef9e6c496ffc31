import type { CoreClient } from './core-client.ts'

/** A client that knows when every request sent through it so far has its answer (`allAnswered`). */
export type CountingClient = CoreClient & {
  /**
   * Resolves the next time no request is in flight, at once when none is: the page waits for nothing from the core.
   * Each answer's own continuation (the state it fills, the render it causes) runs after this resolves, so a caller
   * that means "after the page drew its answers" waits for an idle moment beyond it (sections.ts).
   */
  allAnswered(): Promise<void>
}

/**
 * Wraps a client to count its requests in flight. One wrapper for both clients (HTTP and IPC), made once at boot
 * (main.ts): every component's invoke goes through it, so the count is the page's.
 */
export function countRequests(client: CoreClient): CountingClient {
  let inFlight = 0
  let waiting: (() => void)[] = []
  const answered = (): void => {
    inFlight -= 1
    if (inFlight > 0) return
    const done = waiting
    waiting = []
    for (const resolve of done) resolve()
  }
  return {
    invoke(name, input) {
      inFlight += 1
      return client.invoke(name, input).finally(answered)
    },
    subscribe: (listener) => client.subscribe(listener),
    onMissedEvents: (listener) => client.onMissedEvents(listener),
    allAnswered() {
      if (inFlight === 0) return Promise.resolve()
      return new Promise((resolve) => waiting.push(resolve))
    }
  }
}
