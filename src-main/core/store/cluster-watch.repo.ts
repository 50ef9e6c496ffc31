import type { StoreDatabase } from './database.ts'
import { writeTransaction } from './transaction.ts'

/**
 * Records, once per cluster, when a complete sync first listed it and since when its backups are known
 * (schema 14); later syncs and cache rebuilds never move either. Call it at the end of a successful sync, when
 * the clusters and the complete backup list are in the cache.
 *
 * Known since = the first sync, moved back to the creation of the oldest AUTO backup then listed when every
 * AUTO backup listed was kept (expire − create, the policy's retention when it was made) at least as long as that
 * oldest one has existed: then an AUTO backup made in between expires after the first sync and was listed too, so
 * no gap since then is one the app could not see. A retention that varies (shortened, then a short-lived backup
 * gone) fails the test and the first sync itself is the start. A MANUAL backup older than that proves nothing about
 * the time in between (the AUTO ones may have expired), so it never moves the start back.
 */
const KEPT_FOREVER = Number.MAX_SAFE_INTEGER
export function recordClusterWatch(db: StoreDatabase, connectionId: string, nowMs: number): void {
  writeTransaction(db, 'record since when the clusters are watched', () => {
    db.prepare(
      `INSERT INTO cluster_watch (connection_id, cluster_id, first_synced_at, known_since)
       SELECT c.connection_id, c.cluster_id, @now,
         CASE WHEN a.oldest IS NOT NULL AND a.shortest >= @now - a.oldest THEN min(a.oldest, @now) ELSE @now END
       FROM clusters c
       LEFT JOIN (SELECT cluster_id, min(create_time) AS oldest,
           min(coalesce(expire_time - create_time, ${String(KEPT_FOREVER)})) AS shortest
         FROM backups WHERE connection_id = @c AND creation_method = 'AUTO' GROUP BY cluster_id) a ON a.cluster_id = c.cluster_id
       WHERE c.connection_id = @c
       ON CONFLICT (cluster_id, connection_id) DO NOTHING`
    ).run({ c: connectionId, now: nowMs })
  })
}
