import type { JobAction } from '#contract/models/job'
import { clusterKey } from './cluster-scope.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'

/** What the cache, the jobs, the policy history and the notification ledger know about one cluster's protection. */
export type HealthFacts = {
  newestGoodMs: number | null
  creatingSinceMs: number | null
  lastFailedJob: { endMs: number; action: JobAction } | null
  lastMissedMs: number | null
  lastUnverifiedMs: number | null
  enabledAtMs: number | null
  /** When the newest first-backup job ended NOT_STARTED (Zilliz listed no backup after enabling). */
  firstBackupNotStartedMs: number | null
}

type FactRow = {
  connection_id: string
  cluster_id: string
  newest_good: number | null
  creating_since: number | null
  failed_end: number | null
  failed_action: JobAction | null
  last_missed: number | null
  last_unverified: number | null
  enabled_at: number | null
  first_not_started: number | null
}

/**
 * One row per cached cluster (of a connection, or all): grouped reads over indexed columns, so that the whole
 * fleet's health costs one query. The ledger's notices are the connection's own (schema 12): another
 * organization's, or an earlier emulator run's, with the same cluster id never count. Keyed by `clusterKey`: two
 * connections can list the same cluster id, each with its own facts.
 */
export function readHealthFacts(db: StoreDatabase, connectionId?: string): Map<string, HealthFacts> {
  const rows = readQuery('read the health facts', () => db.prepare(HEALTH_FACTS_SQL).all({ connectionId: connectionId ?? null })) as FactRow[]
  return new Map(
    rows.map((r) => [
      clusterKey(r.connection_id, r.cluster_id),
      {
        newestGoodMs: r.newest_good,
        creatingSinceMs: r.creating_since,
        lastFailedJob: r.failed_end === null ? null : { endMs: r.failed_end, action: r.failed_action as JobAction },
        lastMissedMs: r.last_missed,
        lastUnverifiedMs: r.last_unverified,
        enabledAtMs: r.enabled_at,
        firstBackupNotStartedMs: r.first_not_started
      }
    ])
  )
}

/** Each subquery is answered from an index (the oldest CREATING backup from `backups_creating_by_cluster`, schema 10). */
export const HEALTH_FACTS_SQL = `SELECT c.connection_id, c.cluster_id,
           (SELECT max(create_time) FROM backups b WHERE b.connection_id = c.connection_id AND b.cluster_id = c.cluster_id
              AND b.status = 'AVAILABLE') AS newest_good,
           (SELECT min(create_time) FROM backups b WHERE b.connection_id = c.connection_id AND b.cluster_id = c.cluster_id
              AND b.status = 'CREATING') AS creating_since,
           f.end_time AS failed_end, f.action AS failed_action,
           (SELECT max(slot) FROM notifications n WHERE n.cluster_id = c.cluster_id AND n.kind = 'missed'
              AND n.connection_id = c.connection_id) AS last_missed,
           (SELECT max(slot) FROM notifications n WHERE n.cluster_id = c.cluster_id AND n.kind = 'missed-unverified'
              AND n.connection_id = c.connection_id) AS last_unverified,
           (SELECT max(at) FROM policy_history h WHERE h.connection_id = c.connection_id AND h.cluster_id = c.cluster_id
              AND json_extract(h.after, '$.enabled') = 1
              AND (h.before IS NULL OR json_extract(h.before, '$.enabled') = 0)) AS enabled_at,
           (SELECT max(j.end_time) FROM jobs j WHERE j.cluster_id = c.cluster_id AND j.connection_id = c.connection_id
              AND j.action = 'first-backup' AND j.status = 'NOT_STARTED') AS first_not_started
         FROM clusters c
         LEFT JOIN jobs f ON f.rowid = (SELECT j.rowid FROM jobs j WHERE j.connection_id = c.connection_id
              AND j.cluster_id = c.cluster_id AND j.status = 'FAILED' AND j.end_time IS NOT NULL
              ORDER BY j.end_time DESC LIMIT 1)
         WHERE (@connectionId IS NULL OR c.connection_id = @connectionId)`
