import type { Notification } from '#contract/models/notification'
import type { Severity, UnreadStats } from '../schedule/ledger.ts'
import type { StoreDatabase } from './database.ts'
import { fromRow, NOTICE_COLUMNS, NOTICE_JOINS, noticeRows, SELECT_NOTICES, type NotificationRow } from './notice-rows.ts'
import { toIso } from './time.ts'

/*
 * Repeated notices collapse into one entry of the notification centre: the notices of one GROUP — the same
 * organization (connection), cluster and ledger kind — are shown as their latest, with a count. This module is
 * the one place that rule lives: the centre's list, marking an entry read, and the unread count the badge and
 * the tray show (one unread entry counts once, however many notices it holds). `missed-unverified` keeps a
 * group of its own: its notices are warnings, a confirmed `missed` is critical.
 */

/** The PARTITION / GROUP BY of a notice row `n` (a NULL connection, a digest's, groups with the other digests). */
const GROUP_OF_N = 'n.connection_id, n.cluster_id, n.kind'

/** True when the notice `n` is in the group of the notice `g`. */
const SAME_GROUP = 'g.cluster_id = n.cluster_id AND g.kind = n.kind AND g.connection_id IS n.connection_id'

/** A notice that makes its entry count as unread: unread itself, and not a digest (it only summarises others). */
const UNREADS = "n.read = 0 AND n.kind <> 'digest'"

/** Over the notices `n` of UNREADS: how many entries (groups) they make. */
const UNREAD_ENTRIES = `COUNT(DISTINCT json_array(${GROUP_OF_N}))`

const SEVERITY_OF_RANK: readonly Severity[] = ['info', 'warning', 'critical']

type GroupRow = NotificationRow & { group_count: number; group_unread: number; group_first: number }

/** The centre's entries, newest first: each group's latest notice with its count; read only when all of it is. */
export function listGroups(db: StoreDatabase, options: { unreadOnly: boolean; limit: number }): Notification[] {
  const where = options.unreadOnly ? 'WHERE n.read = 0' : ''
  const rows = db
    .prepare(
      `WITH ranked AS (
         SELECT n.id, ROW_NUMBER() OVER (PARTITION BY ${GROUP_OF_N} ORDER BY n.created_at DESC, n.id DESC) AS position,
           COUNT(*) OVER whole AS group_count, SUM(1 - n.read) OVER whole AS group_unread,
           MIN(n.created_at) OVER whole AS group_first
         FROM notifications n ${where}
         WINDOW whole AS (PARTITION BY ${GROUP_OF_N}))
       SELECT ${NOTICE_COLUMNS}, r.group_count, r.group_unread, r.group_first
       FROM ranked r JOIN notifications n ON n.id = r.id ${NOTICE_JOINS}
       WHERE r.position = 1 ORDER BY n.created_at DESC, n.id DESC LIMIT ?`
    )
    .all(options.limit) as GroupRow[]
  return rows.map((row) => ({
    ...fromRow(row),
    read: row.group_unread === 0,
    group: { count: row.group_count, unread: row.group_unread, firstAt: toIso(row.group_first) }
  }))
}

/** The single notices of the group of notice `id`, newest first (none when there is no such notice). */
export function listGroupOf(db: StoreDatabase, id: string, options: { unreadOnly: boolean; limit: number }): Notification[] {
  return noticeRows(
    db,
    `${SELECT_NOTICES}
     WHERE EXISTS (SELECT 1 FROM notifications g WHERE g.id = CAST(? AS INTEGER) AND ${SAME_GROUP}) ${options.unreadOnly ? 'AND n.read = 0' : ''}
     ORDER BY n.created_at DESC, n.id DESC LIMIT ?`,
    [id, options.limit]
  )
}

/** Marks every notice of the groups of the notices `ids` read; returns how many notices changed. */
export function markGroupsRead(db: StoreDatabase, ids: readonly string[]): number {
  return db
    .prepare(
      `UPDATE notifications AS n SET read = 1
       WHERE n.read = 0 AND EXISTS (SELECT 1 FROM notifications g
         WHERE g.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?)) AND ${SAME_GROUP})`
    )
    .run(JSON.stringify(ids)).changes
}

/** Unread entries (groups with an unread notice), digests left out: the badge's number, one COUNT. */
export function unreadEntryCount(db: StoreDatabase): number {
  return (db.prepare(`SELECT ${UNREAD_ENTRIES} AS unread FROM notifications n WHERE ${UNREADS}`).get() as { unread: number }).unread
}

/** Unread entries (groups with an unread notice), their worst severity and latest titles; digests left out. */
export function unreadStats(db: StoreDatabase, titleLimit: number): UnreadStats {
  const totals = db
    .prepare(
      `SELECT ${UNREAD_ENTRIES} AS unread,
              MAX(CASE n.severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END) AS worst
       FROM notifications n WHERE ${UNREADS}`
    )
    .get() as { unread: number; worst: number | null }
  const titles = db
    .prepare(
      `SELECT id, title, cluster_id FROM (
         SELECT n.id, n.title, n.cluster_id, n.created_at,
           ROW_NUMBER() OVER (PARTITION BY ${GROUP_OF_N} ORDER BY n.created_at DESC, n.id DESC) AS position
         FROM notifications n WHERE ${UNREADS})
       WHERE position = 1 ORDER BY created_at DESC, id DESC LIMIT ?`
    )
    .all(titleLimit) as { id: number; title: string; cluster_id: string }[]
  return {
    unread: totals.unread,
    worst: totals.worst === null ? null : (SEVERITY_OF_RANK[totals.worst] ?? null),
    titles: titles.map((t) => ({ id: String(t.id), title: t.title, clusterId: t.cluster_id }))
  }
}
