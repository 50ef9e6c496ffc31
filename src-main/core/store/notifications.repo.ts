import type { Notification } from '#contract/models/notification'
import type { NotificationLedger } from '../schedule/ledger.ts'
import type { StoreDatabase } from './database.ts'
import { listGroupOf, listGroups, markGroupsRead, unreadEntryCount, unreadStats } from './notice-groups.query.ts'
import { fromDraft, noticeRows, SELECT_NOTICES } from './notice-rows.ts'
import { readQuery, writeTransaction } from './transaction.ts'

const DEFAULT_LIMIT = 200

/**
 * A newly recorded notice, the connection that raised it (null for a digest) and its ledger key (`noticeKey`,
 * stable across runs and machines).
 */
export type RecordedNotice = { notice: Notification; connectionId: string | null; key: string }

/**
 * The one identity of a notice outside the database (a webhook's event id): the connection that raised it, the
 * cluster, the kind and the slot, as the ledger's unique key (schema 12). Without the connection, two organizations
 * listing the same cluster id would give one event id to two notices, and a receiver (or the outbox) would keep one.
 */
export function noticeKey(connectionId: string | null, clusterId: string, kind: string, slotMs: number): string {
  return `${connectionId ?? ''}|${clusterId}|${kind}|${String(slotMs)}`
}

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
            recorded.push({ notice: fromDraft(Number(result.lastInsertRowid), d, nowMs), connectionId, key: noticeKey(connectionId, clusterId, kind, slotMs) })
          }
        }
        if (recorded.length > 0) hooks.onRecorded?.(recorded, nowMs)
        return recorded.map((r) => r.notice)
      })
    },
    undelivered: () =>
      readQuery('read undelivered notifications', () =>
        noticeRows(db, `${SELECT_NOTICES} WHERE n.delivered_at IS NULL ORDER BY n.created_at, n.id`)
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
        noticeRows(
          db,
          `${SELECT_NOTICES} WHERE n.created_at >= ? AND n.created_at < ? AND n.kind <> 'digest'
           ORDER BY n.created_at, n.id`,
          [fromMs, toMs]
        )
      ),
    list({ unreadOnly, limit, groupOf }) {
      const options = { unreadOnly: unreadOnly === true, limit: limit ?? DEFAULT_LIMIT }
      return readQuery('list notifications', () =>
        groupOf === undefined ? listGroups(db, options) : listGroupOf(db, groupOf, options)
      )
    },
    markRead(target) {
      return writeTransaction(db, 'mark notifications read', () => {
        if ('all' in target) return db.prepare('UPDATE notifications SET read = 1 WHERE read = 0').run().changes
        if ('groupsOf' in target) return markGroupsRead(db, target.groupsOf)
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
    unreadStats: (titleLimit) => readQuery('summarise notifications', () => unreadStats(db, titleLimit)),
    unreadCount: () => readQuery('count unread notifications', () => unreadEntryCount(db))
  }
}
