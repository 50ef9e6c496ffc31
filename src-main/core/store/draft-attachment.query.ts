import type { Draft } from '#contract/models/draft'
import type { StoreDatabase } from './database.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/*
 * Drafts belong to an organization and a cluster, not to a local connection row. Zilliz Cloud has no
 * organization id in its API, but cluster ids are unique across it: the connection whose sync lists a draft's
 * cluster IS that draft's organization. So a draft left behind when its connection was removed (kept on purpose)
 * is re-attached by the first sync of any connection that lists its cluster again.
 */

export type DraftOrphan = NonNullable<Draft['orphan']>

/**
 * Moves drafts whose connection no longer exists onto `connectionId` when its cached clusters include theirs.
 * A cluster that already has an open draft under this connection keeps that one (the orphan stays, visible).
 * Returns the re-attached drafts' ids.
 */
export function reattachOrphanDrafts(db: StoreDatabase, connectionId: string): string[] {
  return writeTransaction(db, 'reattach the drafts', () => {
    const rows = db
      .prepare(
        `SELECT d.id FROM drafts d
         WHERE NOT EXISTS (SELECT 1 FROM connections c WHERE c.id = d.connection_id)
           AND EXISTS (SELECT 1 FROM clusters k WHERE k.connection_id = @connectionId AND k.cluster_id = d.cluster_id)
           AND (d.state = 'synced' OR NOT EXISTS (SELECT 1 FROM drafts o WHERE o.connection_id = @connectionId
                AND o.cluster_id = d.cluster_id AND o.state <> 'synced'))`
      )
      .all({ connectionId }) as { id: string }[]
    const move = db.prepare('UPDATE drafts SET connection_id = ? WHERE id = ?')
    for (const row of rows) move.run(connectionId, row.id)
    return rows.map((r) => r.id)
  })
}

/**
 * 'organization': no connection reaches the draft's organization any more. 'cluster': its connection's last
 * complete cluster list no longer has the cluster (deleted in the console). Absent when the draft is attached.
 */
export function orphansOf(db: StoreDatabase, ids: readonly string[]): Map<string, DraftOrphan> {
  if (ids.length === 0) return new Map()
  const rows = readQuery('read the drafts\' attachment', () =>
    db
      .prepare(
        `SELECT d.id,
           CASE WHEN c.id IS NULL THEN 'organization'
                WHEN c.last_sync_at IS NOT NULL AND s.clusters_stale = 0 AND NOT EXISTS (SELECT 1 FROM clusters k
                     WHERE k.connection_id = d.connection_id AND k.cluster_id = d.cluster_id) THEN 'cluster'
           END AS orphan
         FROM drafts d
         LEFT JOIN connections c ON c.id = d.connection_id
         LEFT JOIN sync_state s ON s.connection_id = d.connection_id
         WHERE d.id IN (SELECT value FROM json_each(?))`
      )
      .all(JSON.stringify(ids))
  ) as { id: string; orphan: DraftOrphan | null }[]
  return new Map(rows.flatMap((r) => (r.orphan === null ? [] : [[r.id, r.orphan] as const])))
}

/** The drafts with `orphan` set where they are detached. */
export function withOrphans(db: StoreDatabase, drafts: readonly Draft[]): Draft[] {
  const orphans = orphansOf(db, drafts.map((d) => d.id))
  return drafts.map((d) => {
    const orphan = orphans.get(d.id)
    return orphan === undefined ? d : { ...d, orphan }
  })
}
