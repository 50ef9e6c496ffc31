import type { WatchPolicy } from '../schedule/watch-inputs.ts'
import type { StoreDatabase } from './database.ts'
import { readQuery } from './transaction.ts'
import { toEnabledPolicy, type PolicyRow } from './watch.query.ts'

/** A cached cluster as the Timeline picture lists it. */
export type TimelineLaneRow = {
  clusterId: string
  clusterName: string
  connectionId: string
  connectionName: string
  projectId: string
  projectName: string
}

export type TimelineGroupRow = Omit<TimelineLaneRow, 'clusterId' | 'clusterName'> & { lanes: number }

/** An observed backup whose expiry falls in the range. */
export type TimelineExpiryRow = { connectionId: string; clusterId: string; backupId: string; backupName: string; expireMs: number }

const LANE_FROM = `FROM clusters c JOIN connections k ON k.id = c.connection_id
  LEFT JOIN projects p ON p.connection_id = c.connection_id AND p.project_id = c.project_id
  WHERE (@c IS NULL OR c.connection_id = @c)`
const PROJECT_NAME = 'coalesce(p.project_name, c.project_id)'
// Lanes and groups share this order, so the groups' lane counts lay the lanes out in sequence.
const GROUP_ORDER = `k.name, k.id, ${PROJECT_NAME}, c.project_id`

/** One page of lanes (cached clusters), ordered by connection, project and cluster name. */
export function listTimelineLanes(db: StoreDatabase, q: { connectionId?: string; offset: number; limit: number }): TimelineLaneRow[] {
  return readQuery('read the timeline lanes', () =>
    db
      .prepare(
        `SELECT c.cluster_id AS clusterId, c.cluster_name AS clusterName, c.connection_id AS connectionId,
           k.name AS connectionName, c.project_id AS projectId, ${PROJECT_NAME} AS projectName
         ${LANE_FROM} ORDER BY ${GROUP_ORDER}, c.cluster_name, c.cluster_id LIMIT @limit OFFSET @offset`
      )
      .all({ c: q.connectionId ?? null, limit: q.limit, offset: q.offset })
  ) as TimelineLaneRow[]
}

/** Every project of the scope with how many lanes it has, in lane order. */
export function listTimelineGroups(db: StoreDatabase, q: { connectionId?: string }): TimelineGroupRow[] {
  return readQuery('read the timeline groups', () =>
    db
      .prepare(
        `SELECT c.connection_id AS connectionId, k.name AS connectionName, c.project_id AS projectId,
           ${PROJECT_NAME} AS projectName, count(*) AS lanes
         ${LANE_FROM} GROUP BY c.connection_id, c.project_id ORDER BY ${GROUP_ORDER}`
      )
      .all({ c: q.connectionId ?? null })
  ) as TimelineGroupRow[]
}

/**
 * Backups of the clusters that were good once (so expired and deleted ones count) and expire in [fromMs, toMs),
 * through the index of schema 9 (observed_backups_by_expiry).
 */
export function listTimelineExpiries(db: StoreDatabase, clusterIds: readonly string[], fromMs: number, toMs: number): TimelineExpiryRow[] {
  return readQuery('read the timeline expiries', () =>
    db
      .prepare(
        `SELECT connection_id AS connectionId, cluster_id AS clusterId, backup_id AS backupId, backup_name AS backupName, expire_time AS expireMs
         FROM observed_backups
         WHERE cluster_id IN (SELECT value FROM json_each(@clusters)) AND expire_time >= @from AND expire_time < @to
           AND was_available = 1
         ORDER BY cluster_id, expire_time`
      )
      .all({ clusters: JSON.stringify(clusterIds), from: fromMs, to: toMs })
  ) as TimelineExpiryRow[]
}

/** The enabled policies of the clusters (the cache), parsed as the watcher parses them. */
export function enabledPoliciesOf(db: StoreDatabase, clusterIds: readonly string[]): WatchPolicy[] {
  const rows = readQuery('read the timeline policies', () =>
    db
      .prepare(
        `SELECT p.connection_id, p.cluster_id, COALESCE(c.cluster_name, p.cluster_id) AS cluster_name, p.policy
         FROM policies p LEFT JOIN clusters c ON c.connection_id = p.connection_id AND c.cluster_id = p.cluster_id
         WHERE p.cluster_id IN (SELECT value FROM json_each(?))`
      )
      .all(JSON.stringify(clusterIds))
  ) as PolicyRow[]
  return rows.flatMap(toEnabledPolicy)
}
