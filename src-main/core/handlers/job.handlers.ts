import type { StoreDatabase } from '../store/database.ts'
import { namesForJobs } from '../store/job-names.query.ts'
import { listActiveJobs, listJobs } from '../store/jobs.repo.ts'
import type { HandlersFor } from './types.ts'

type JobHandlerDeps = {
  db: StoreDatabase
}

/** Tracked jobs, from the cache: the job tracker keeps them current. */
export function jobHandlers(deps: JobHandlerDeps): HandlersFor<'job/list'> {
  return {
    'job/list': ({ connectionId, activeOnly }) => {
      const filter = connectionId === undefined ? {} : { connectionId }
      const jobs = activeOnly ? listActiveJobs(deps.db, filter) : listJobs(deps.db, filter)
      const names = namesForJobs(deps.db, jobs)
      return Promise.resolve(jobs.map((job, i) => ({ ...job, clusterName: null, backupName: null, ...names[i] })))
    }
  }
}
