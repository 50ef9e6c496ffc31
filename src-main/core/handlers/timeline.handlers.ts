import { timelineLanes } from '../fleet/timeline-lanes.ts'
import type { StoreDatabase } from '../store/database.ts'
import type { HandlersFor } from './types.ts'

export type TimelineHandlerDeps = { db: StoreDatabase; now: () => number }

/** The Timeline picture: answered from the cache, the history and the ledger, so it works offline. */
export function timelineHandlers(deps: TimelineHandlerDeps): HandlersFor<'timeline/lanes'> {
  return {
    'timeline/lanes': ({ from, to, connectionId, offset, limit }) =>
      Promise.resolve(
        timelineLanes(deps.db, {
          fromMs: Date.parse(from),
          toMs: Date.parse(to),
          nowMs: deps.now(),
          offset,
          limit,
          ...(connectionId === undefined ? {} : { connectionId })
        })
      )
  }
}
