/**
 * When each request to one endpoint was handed to `fetch`, for a benchmark that explains its wall time rather than
 * only reporting it. Wraps the global `fetch`, which an API client captures when it is created: start the trace
 * before the core builds its clients, and stop it when done.
 */
export type SendTrace = { sends: readonly number[]; stop: () => void }

export function traceSends(endpoint: RegExp): SendTrace {
  const sends: number[] = []
  const original = globalThis.fetch
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (endpoint.test(new URL(url).pathname)) sends.push(performance.now())
    return original(input, init)
  }
  return { sends, stop: () => (globalThis.fetch = original) }
}

/**
 * A sync's wall time on its busiest endpoint, in four parts: until its first send (discovery), the sends at the
 * limiter's pace, the time the sends fell behind that pace (event-loop stalls, late wake-ups), and from its last
 * send to the end (the last answer, then the sync's own finish). The parts add up to `endedAt − startedAt`.
 */
export function wallParts(sends: readonly number[], startedAt: number, endedAt: number, intervalMs: number): { discovery: number; pacing: number; behind: number; tail: number } {
  const first = sends[0] ?? endedAt
  const last = sends.at(-1) ?? endedAt
  const pacing = Math.max(0, sends.length - 1) * intervalMs
  return { discovery: first - startedAt, pacing, behind: last - first - pacing, tail: endedAt - last }
}
