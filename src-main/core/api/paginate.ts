/**
 * Walks an offset-paginated list to the end (docs/reliability.md#r27): deduplicated by ID, and restarted from page 1
 * when the server's `count` moves between pages (an insert or delete shifts offsets, which would otherwise
 * skip or repeat items). Fails after `maxRestarts` so the caller keeps its old cache instead of a torn one.
 */
import { ApiError } from './api-error.ts'

type Page<T> = { count: number; items: T[] }
export type PageProgress = { page: number; fetched: number; total: number; restarts: number }

type WalkOptions<T> = {
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
  const seen = new Map<string, T>()
  await walkInto(options, {
    reset: () => seen.clear(),
    add: (items) => {
      for (const item of items) seen.set(options.keyOf(item), item)
    },
    size: () => seen.size
  })
  return [...seen.values()]
}

export type StreamOptions<T> = WalkOptions<T> & {
  /**
   * Each page's items in page order, and only from a walk that stays stable up to that page, so the caller can
   * store them and let them go instead of the walk holding the whole list. A page may repeat items of an earlier
   * one (an insert shifted the offsets): the later copy wins, as in `walkPages`.
   */
  onPage: (items: readonly T[]) => void
  /** The list moved and the walk starts over from page 1: drop every page delivered so far. */
  onRestart: () => void
}

/**
 * `walkPages` for lists too large to hold (100,000 backups): the items go to `onPage` as they arrive in order and
 * only their keys stay here (to count them). Resolves to the number of distinct items of the complete walk.
 */
export async function streamPages<T>(options: StreamOptions<T>): Promise<number> {
  const keys = new Set<string>()
  await walkInto(options, {
    reset: (restarts) => {
      keys.clear()
      if (restarts > 0) options.onRestart()
    },
    add: (items) => {
      for (const item of items) keys.add(options.keyOf(item))
      options.onPage(items)
    },
    size: () => keys.size
  })
  return keys.size
}

/** Where a walk's items go, in page order; `reset` before each walk (`restarts` > 0: the list moved). */
type Sink<T> = { reset: (restarts: number) => void; add: (items: readonly T[]) => void; size: () => number }

async function walkInto<T>(options: WalkOptions<T>, sink: Sink<T>): Promise<void> {
  const maxRestarts = options.maxRestarts ?? 2
  const maxPages = options.maxPages ?? 10_000
  for (let restarts = 0; restarts <= maxRestarts; restarts++) {
    sink.reset(restarts)
    if (await walkOnce(options, sink, restarts, maxPages)) return
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
 * their turn past that deadline before they were even sent. Eight still allow 50 pages a second at 150 ms latency
 * (the limiter sends 18), and each page waiting its turn outlives the host's young-generation collections: 300
 * pages moved ≈ 23 MB into the old generation with 32 waiting, ≈ 12 MB with 8, in the same time.
 */
const MAX_PAGES_IN_FLIGHT = 8

/**
 * One walk: page 1 tells how many pages there are, then the rest are requested in order, several together (one at a
 * time would add a full round trip per page). Items go to the sink, and progress is reported, in page order. False
 * when `count` moved between pages (no further page is asked for then).
 */
async function walkOnce<T>(options: WalkOptions<T>, sink: Sink<T>, restarts: number, maxPages: number): Promise<boolean> {
  const { pageSize } = options
  const first = await options.fetchPage(1)
  options.onItems?.(first.items)
  const expected = first.count
  const merge = (page: number, items: readonly T[]): void => {
    sink.add(items)
    options.onProgress?.({ page, fetched: sink.size(), total: expected, restarts })
  }
  merge(1, first.items)
  // `count` is the total matching (docs/zilliz-api-notes.md#list-backups); a short page also ends the walk in case it is not.
  if (first.items.length < pageSize || pageSize >= expected) return true
  const lastPage = Math.ceil(expected / pageSize)
  if (lastPage > maxPages) {
    throw new ApiError('api/invalid-response', `The ${options.what} list did not end after ${maxPages} pages.`, 'rejected')
  }
  const arrived = new Map<number, Page<T>>()
  let nextToMerge = 2
  let nextToFetch = 2
  const walk = { isStable: true, hasFailed: false }
  // Read through a function: the flag changes while a page is awaited, which a narrowed property would hide.
  const hasFailed = (): boolean => walk.hasFailed
  const fetchInOrder = async (): Promise<void> => {
    while (nextToFetch <= lastPage && walk.isStable && !walk.hasFailed) {
      const page = nextToFetch++
      const result = await options.fetchPage(page).catch((error: unknown) => {
        // The walk fails with this page's error; the other fetchers ask for nothing more.
        walk.hasFailed = true
        throw error
      })
      // Another page failed while this one was in flight: the walk is over, nothing more reaches the sink.
      if (hasFailed()) return
      options.onItems?.(result.items)
      if (result.count !== expected) walk.isStable = false
      arrived.set(page, result)
      try {
        for (let ready = arrived.get(nextToMerge); ready !== undefined && walk.isStable; ready = arrived.get(nextToMerge)) {
          arrived.delete(nextToMerge)
          merge(nextToMerge++, ready.items)
        }
      } catch (error) {
        // The sink refused a page (e.g. an item the store cannot keep): the walk fails with that error.
        walk.hasFailed = true
        throw error
      }
    }
  }
  const inFlight = Math.min(options.maxPagesInFlight ?? MAX_PAGES_IN_FLIGHT, lastPage - 1)
  await Promise.all(Array.from({ length: inFlight }, fetchInOrder))
  return walk.isStable
}
