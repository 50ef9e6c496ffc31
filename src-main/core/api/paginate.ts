/**
 * Walks an offset-paginated list to the end (reliability.md R27): deduplicated by ID, and restarted from page 1
 * when the server's `count` moves between pages (an insert or delete shifts offsets, which would otherwise
 * skip or repeat items). Fails after `maxRestarts` so the caller keeps its old cache instead of a torn one.
 */
import { ApiError } from './api-error.ts'

export type Page<T> = { count: number; items: T[] }
export type PageProgress = { page: number; fetched: number; total: number; restarts: number }

export type WalkOptions<T> = {
  fetchPage: (currentPage: number) => Promise<Page<T>>
  keyOf: (item: T) => string
  pageSize: number
  /** Plural noun for the error message, e.g. "backup". */
  what: string
  onProgress?: ((progress: PageProgress) => void) | undefined
  maxRestarts?: number
  maxPages?: number
}

export async function walkPages<T>(options: WalkOptions<T>): Promise<T[]> {
  const maxRestarts = options.maxRestarts ?? 2
  const maxPages = options.maxPages ?? 10_000
  for (let restarts = 0; restarts <= maxRestarts; restarts++) {
    const seen = new Map<string, T>()
    let expected: number | undefined
    let isStable = true
    for (let page = 1; ; page++) {
      const { count, items } = await options.fetchPage(page)
      if (expected === undefined) expected = count
      if (count !== expected) {
        isStable = false
        break
      }
      for (const item of items) seen.set(options.keyOf(item), item)
      options.onProgress?.({ page, fetched: seen.size, total: count, restarts })
      // `count` is the total matching (zilliz-cloud-api.md §2.4); a short page also ends the walk in case it is not.
      if (items.length < options.pageSize || page * options.pageSize >= count) break
      if (page >= maxPages) {
        throw new ApiError('api/invalid-response', `The ${options.what} list did not end after ${maxPages} pages.`, 'rejected')
      }
    }
    if (isStable) return [...seen.values()]
  }
  throw new ApiError(
    'api/invalid-response',
    `The ${options.what} list kept changing while it was being read (${maxRestarts + 1} tries); try again.`,
    'rejected'
  )
}
