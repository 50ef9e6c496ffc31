import type { Notification } from '#contract/models/notification'
import type {
  LedgerKind,
  NoticeDraft,
  NotificationLedger,
  Severity,
  UnreadStats
} from '../schedule/ledger.ts'
import type { StoreDatabase } from './database.ts'
import { organizationColumns, organizationJoin, organizationOf, type OrganizationColumns } from './organization.query.ts'
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

/** Each notice with its cluster's organization (store/organization.query.ts); filter and order on `n`. */
const SELECT_NOTICES = `SELECT n.id, n.cluster_id, n.kind, n.slot, n.backup_id, n.title, n.body, n.severity, n.created_at, n.read,
    o_k.cluster_name, ${organizationColumns('o')}
  FROM notifications n ${organizationJoin('o', 'n.cluster_id')}`
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

/** The notification ledger over the `notifications` table (schema 2). */
export function createNotificationLedger(db: StoreDatabase, hooks: LedgerHooks = {}): NotificationLedger {
  return {
    record(drafts, nowMs) {
      if (drafts.length === 0) return []
      return writeTransaction(db, 'record notifications', () => {
        const insert = db.prepare(
          `INSERT OR IGNORE INTO notifications
             (cluster_id, kind, slot, backup_id, title, body, severity, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
        )
        const recorded: RecordedNotice[] = []
        for (const d of drafts) {
          const result = insert.run(
            d.clusterId, d.kind, d.slotMs, d.backupId ?? null, d.title, d.body, d.severity, nowMs
          )
          // changes = 0: the key exists, so this notice was raised before (another run, another process).
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
    markReadByKey(clusterId, kind, slotMs) {
      writeTransaction(db, 'resolve a notification', () => {
        db.prepare(
          'UPDATE notifications SET read = 1 WHERE cluster_id = ? AND kind = ? AND slot = ? AND read = 0'
        ).run(clusterId, kind, slotMs)
      })
    },
    resolveSettledExpiring(nowMs) {
      return writeTransaction(db, 'resolve settled expiring notices', () =>
        db
          .prepare(
            `UPDATE notifications SET read = 1
             WHERE kind = 'expiring' AND read = 0
               AND (slot <= @now OR EXISTS (
                 SELECT 1 FROM backups o JOIN backups b ON b.cluster_id = o.cluster_id
                 WHERE b.backup_id = notifications.backup_id AND o.cluster_id = notifications.cluster_id
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
