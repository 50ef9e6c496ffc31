/**
 * Pure answers kept by key, for rules a fleet asks of a handful of distinct inputs (schedules, frequencies, windows
 * in a zone) once per cluster. Bounded: once `max` keys are held, they are all forgotten and the next ones kept.
 */
export class BoundedMemo<T> {
  private readonly answers = new Map<string, T>()

  constructor(private readonly max: number) {}

  /** The answer kept for `key`, or `compute`'s, then kept. */
  get(key: string, compute: () => T): T {
    if (this.answers.has(key)) return this.answers.get(key) as T
    const answer = compute()
    if (this.answers.size >= this.max) this.answers.clear()
    this.answers.set(key, answer)
    return answer
  }
}
