/**
 * Runs `work` over `items` with at most `limit` in flight and returns the results in input order. A failing
 * `work` rejects the whole call, so `work` should settle its own errors (the outbox turns them into states).
 */
export async function mapInOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
