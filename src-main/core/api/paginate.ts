/**
 * Walks an offset-paginated list to the end (docs/reliability.md#r27): deduplicated by ID, and restarted from page 1
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
  /**
   * Each page's items as soon as the page arrives, in any order, so a caller can start work on them before the
   * walk ends. A restarted walk delivers its pages again: the walk's result is the authority.
   */
  onItems?: ((items: readonly T[]) => void) | undefined
  maxRestarts?: number
  maxPages?: number
  /** Pages asked for at once after the first (default `MAX_PAGES_IN_FLIGHT`). */
  maxPagesInFlight?: number
}

export async function walkPages<T>(options: WalkOptions<T>): Promise<T[]> {
  const maxRestarts = options.maxRestarts ?? 2
  const maxPages = options.maxPages ?? 10_000
  for (let restarts = 0; restarts <= maxRestarts; restarts++) {
    const walk = await walkOnce(options, restarts, maxPages)
    if (walk !== null) return walk
  }
  throw new ApiError(
    'api/invalid-response',
    `The ${options.what} list kept changing while it was being read (${maxRestarts + 1} tries); try again.`,
    'rejected'
  )
}

/**
 * At most this many pages are queued or in flight at once. The per-endpoint limiter paces them (≈ 18/s, a few in
 * flight at any latency), so more gains nothing, and each operation's deadline (limits.ts `operationTimeoutMs`) runs
 * from the moment it is queued: a 1,000-page list (100,000 backups) asked all at once left its last pages waiting for
 * their turn past that deadline before they were even sent.
 */
const MAX_PAGES_IN_FLIGHT = 32

/**
 * One walk: page 1 tells how many pages there are, then the rest are requested in order, several together (one at a
 * time would add a full round trip per page). Items are merged, and progress reported, in page order. Null when
 * `count` moved between pages (no further page is asked for then).
 */
async function walkOnce<T>(options: WalkOptions<T>, restarts: number, maxPages: number): Promise<T[] | null> {
  const { pageSize } = options
  const first = await options.fetchPage(1)
  options.onItems?.(first.items)
  const expected = first.count
  const seen = new Map<string, T>()
  const merge = (page: number, items: readonly T[]): void => {
    for (const item of items) seen.set(options.keyOf(item), item)
    options.onProgress?.({ page, fetched: seen.size, total: expected, restarts })
  }
  merge(1, first.items)
  // `count` is the total matching (docs/zilliz-api-notes.md#list-backups); a short page also ends the walk in case it is not.
  if (first.items.length < pageSize || pageSize >= expected) return [...seen.values()]
  const lastPage = Math.ceil(expected / pageSize)
  if (lastPage > maxPages) {
    throw new ApiError('api/invalid-response', `The ${options.what} list did not end after ${maxPages} pages.`, 'rejected')
  }
  const arrived = new Map<number, Page<T>>()
  let nextToMerge = 2
  let nextToFetch = 2
  const walk = { isStable: true, hasFailed: false }
  const fetchInOrder = async (): Promise<void> => {
    while (nextToFetch <= lastPage && walk.isStable && !walk.hasFailed) {
      const page = nextToFetch++
      const result = await options.fetchPage(page).catch((error: unknown) => {
        // The walk fails with this page's error; the other fetchers ask for nothing more.
        walk.hasFailed = true
        throw error
      })
      options.onItems?.(result.items)
      if (result.count !== expected) walk.isStable = false
      arrived.set(page, result)
      for (let ready = arrived.get(nextToMerge); ready !== undefined && walk.isStable; ready = arrived.get(nextToMerge)) {
        merge(nextToMerge, ready.items)
        arrived.delete(nextToMerge)
        nextToMerge++
      }
    }
  }
  const inFlight = Math.min(options.maxPagesInFlight ?? MAX_PAGES_IN_FLIGHT, lastPage - 1)
  await Promise.all(Array.from({ length: inFlight }, fetchInOrder))
  return walk.isStable ? [...seen.values()] : null
}
