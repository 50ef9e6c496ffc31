import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

type JobNames = { clusterName: string | null; backupName: string | null }

/**
 * The cluster and backup names of tracked jobs, from the mirror, so that Jobs names what a job is about rather
 * than raw ids. A name the cache no longer holds (a deleted backup, a dropped cluster) is null.
 */
export function namesForJobs(db: StoreDatabase, jobs: readonly { connectionId: string; clusterId: string; backupId: string | null }[]): JobNames[] {
  if (jobs.length === 0) return []
  return readQuery('read the names of the tracked jobs', () => {
    const cluster = db.prepare('SELECT cluster_name AS name FROM clusters WHERE connection_id = ? AND cluster_id = ?')
    const backup = db.prepare('SELECT backup_name AS name FROM backups WHERE connection_id = ? AND backup_id = ?')
    return jobs.map((job) => ({
      clusterName: (cluster.get(job.connectionId, job.clusterId) as { name: string } | undefined)?.name ?? null,
      backupName: job.backupId === null ? null : ((backup.get(job.connectionId, job.backupId) as { name: string } | undefined)?.name ?? null)
    }))
  })
}
