import type { Notification } from '#contract/models/notification'
import type {
  LedgerKind,
  NoticeDraft,
  NotificationLedger,
  Severity,
  UnreadStats
} from '../schedule/ledger.ts'
import type { StoreDatabase } from './database.ts'
import { organizationColumns, organizationOf, type OrganizationColumns } from './organization.query.ts'
import { toIso } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

type NotificationRow = OrganizationColumns & {
  id: number
  cluster_id: string
  /** The mirror's name for the cluster; null for a digest or a cluster no connection lists any more. */
  cluster_name: string | null
  kind: LedgerKind
  slot: number
  backup_id: string | null
  title: string
  body: string
  severity: Severity
  created_at: number
  read: number
}

/**
 * Each notice with the organization that raised it (its connection, schema 12) and the cluster's name as that
 * connection mirrors it; filter and order on `n`.
 */
const SELECT_NOTICES = `SELECT n.id, n.cluster_id, n.kind, n.slot, n.backup_id, n.title, n.body, n.severity, n.created_at, n.read,
    o_k.cluster_name, ${organizationColumns('o')}
  FROM notifications n
  LEFT JOIN connections o ON o.id = n.connection_id
  LEFT JOIN clusters o_k ON o_k.connection_id = n.connection_id AND o_k.cluster_id = n.cluster_id`
const DEFAULT_LIMIT = 200
const SEVERITY_OF_RANK: readonly Severity[] = ['info', 'warning', 'critical']

/** A newly recorded notice and its ledger key (`clusterId|kind|slot`, stable across runs and machines). */
export type RecordedNotice = { notice: Notification; key: string }

export type LedgerHooks = {
  /**
   * Runs inside the recording transaction, so whatever it writes (the webhook outbox) commits or rolls back
   * with the notices themselves: a crash cannot leave a notice that never reaches its destinations.
   */
  onRecorded?: (recorded: readonly RecordedNotice[], nowMs: number) => void
}

/** The notification ledger over the `notifications` table (schema 2, keyed by connection since schema 12). */
export function createNotificationLedger(db: StoreDatabase, hooks: LedgerHooks = {}): NotificationLedger {
  return {
    record(drafts, nowMs) {
      if (drafts.length === 0) return []
      return writeTransaction(db, 'record notifications', () => {
        // A notice of a connection removed meanwhile is dropped (its foreign key would fail the whole batch).
        const insert = db.prepare(
          `INSERT OR IGNORE INTO notifications
             (connection_id, cluster_id, kind, slot, backup_id, title, body, severity, created_at)
           SELECT @connectionId, @clusterId, @kind, @slotMs, @backupId, @title, @body, @severity, @nowMs
           WHERE @connectionId IS NULL OR EXISTS (SELECT 1 FROM connections WHERE id = @connectionId)`
        )
        const recorded: RecordedNotice[] = []
        for (const d of drafts) {
          const { connectionId, clusterId, kind, slotMs, title, body, severity } = d
          const result = insert.run({ connectionId, clusterId, kind, slotMs, backupId: d.backupId ?? null, title, body, severity, nowMs })
          // changes = 0: the key exists, so this notice was raised before (another run, another process), or its
          // connection is gone.
          if (result.changes === 1) {
            recorded.push({ notice: fromDraft(Number(result.lastInsertRowid), d, nowMs), key: `${d.clusterId}|${d.kind}|${String(d.slotMs)}` })
          }
        }
        if (recorded.length > 0) hooks.onRecorded?.(recorded, nowMs)
        return recorded.map((r) => r.notice)
      })
    },
    undelivered: () =>
      readQuery('read undelivered notifications', () =>
        rows(db, `${SELECT_NOTICES} WHERE n.delivered_at IS NULL ORDER BY n.created_at, n.id`)
      ),
    markDelivered(ids, nowMs) {
      if (ids.length === 0) return
      writeTransaction(db, 'mark notifications delivered', () => {
        db.prepare(
          `UPDATE notifications SET delivered_at = ?
           WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`
        ).run(nowMs, JSON.stringify(ids))
      })
    },
    raisedBetween: (fromMs, toMs) =>
      readQuery('read the notices of a period', () =>
        rows(
          db,
          `${SELECT_NOTICES} WHERE n.created_at >= ? AND n.created_at < ? AND n.kind <> 'digest'
           ORDER BY n.created_at, n.id`,
          [fromMs, toMs]
        )
      ),
    list({ unreadOnly, limit }) {
      const where = unreadOnly === true ? 'WHERE n.read = 0' : ''
      return readQuery('list notifications', () =>
        rows(db, `${SELECT_NOTICES} ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT ?`, [
          limit ?? DEFAULT_LIMIT
        ])
      )
    },
    markRead(target) {
      return writeTransaction(db, 'mark notifications read', () => {
        if ('all' in target) return db.prepare('UPDATE notifications SET read = 1 WHERE read = 0').run().changes
        return db
          .prepare(
            `UPDATE notifications SET read = 1
             WHERE read = 0 AND id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`
          )
          .run(JSON.stringify(target.ids)).changes
      })
    },
    markReadByKey(key) {
      writeTransaction(db, 'resolve a notification', () => {
        db.prepare(
          `UPDATE notifications SET read = 1
           WHERE cluster_id = @clusterId AND kind = @kind AND slot = @slotMs AND connection_id = @connectionId AND read = 0`
        ).run(key)
      })
    },
    resolveSettledExpiring(nowMs) {
      return writeTransaction(db, 'resolve settled expiring notices', () =>
        db
          .prepare(
            `UPDATE notifications SET read = 1
             WHERE kind = 'expiring' AND read = 0
               AND (slot <= @now OR EXISTS (
                 SELECT 1 FROM backups o JOIN backups b ON b.cluster_id = o.cluster_id AND b.connection_id = o.connection_id
                 WHERE b.backup_id = notifications.backup_id AND b.connection_id = notifications.connection_id
                   AND o.cluster_id = notifications.cluster_id
                   AND o.status = 'AVAILABLE' AND o.create_time > b.create_time
                   AND o.create_time > notifications.created_at))`
          )
          .run({ now: nowMs }).changes
      )
    },
    unreadStats: (titleLimit) => readQuery('summarise notifications', () => unreadStats(db, titleLimit))
  }
}

function unreadStats(db: StoreDatabase, titleLimit: number): UnreadStats {
  const totals = db
    .prepare(
      `SELECT COUNT(*) AS unread,
              MAX(CASE severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END) AS worst
       FROM notifications WHERE read = 0 AND kind <> 'digest'`
    )
    .get() as { unread: number; worst: number | null }
  const titles = db
    .prepare(
      `SELECT id, title, cluster_id FROM notifications WHERE read = 0 AND kind <> 'digest'
       ORDER BY created_at DESC, id DESC LIMIT ?`
    )
    .all(titleLimit) as { id: number; title: string; cluster_id: string }[]
  return {
    unread: totals.unread,
    worst: totals.worst === null ? null : (SEVERITY_OF_RANK[totals.worst] ?? null),
    titles: titles.map((t) => ({ id: String(t.id), title: t.title, clusterId: t.cluster_id }))
  }
}

function rows(db: StoreDatabase, sql: string, params: unknown[] = []): Notification[] {
  return (db.prepare(sql).all(...params) as NotificationRow[]).map(fromRow)
}

/** `missed-unverified` has its own key but is, to the admin, a `missed` notice (its title says unverified). */
function contractKind(kind: LedgerKind): Notification['kind'] {
  return kind === 'missed-unverified' ? 'missed' : kind
}

function fromRow(row: NotificationRow): Notification {
  const organization = organizationOf(row)
  return {
    id: String(row.id),
    kind: contractKind(row.kind),
    clusterId: row.cluster_id,
    ...(row.cluster_name === null ? {} : { clusterName: row.cluster_name }),
    ...(row.backup_id === null ? {} : { backupId: row.backup_id }),
    slot: toIso(row.slot),
    title: row.title,
    body: row.body,
    severity: row.severity,
    createdAt: toIso(row.created_at),
    read: row.read === 1,
    ...(organization === undefined ? {} : { organization })
  }
}

function fromDraft(id: number, d: NoticeDraft, nowMs: number): Notification {
  return {
    id: String(id),
    kind: contractKind(d.kind),
    clusterId: d.clusterId,
    ...(d.backupId === undefined ? {} : { backupId: d.backupId }),
    slot: toIso(d.slotMs),
    title: d.title,
    body: d.body,
    severity: d.severity,
    createdAt: toIso(nowMs),
    read: false
  }
}
