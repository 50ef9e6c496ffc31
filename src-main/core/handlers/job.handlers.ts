import type { StoreDatabase } from '../store/database.ts'
import { listActiveJobs, listJobs } from '../store/jobs.repo.ts'
import type { HandlersFor } from './types.ts'

export type JobHandlerDeps = {
  db: StoreDatabase
}

/** Tracked jobs, from the cache: the job tracker keeps them current. */
export function jobHandlers(deps: JobHandlerDeps): HandlersFor<'job/list'> {
  return {
    'job/list': ({ connectionId, activeOnly }) => {
      const filter = connectionId === undefined ? {} : { connectionId }
      return Promise.resolve(activeOnly ? listActiveJobs(deps.db, filter) : listJobs(deps.db, filter))
    }
  }
}
