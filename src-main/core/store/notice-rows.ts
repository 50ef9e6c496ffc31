import type { Notification } from '#contract/models/notification'
import type { LedgerKind, NoticeDraft, Severity } from '../schedule/ledger.ts'
import type { StoreDatabase } from './database.ts'
import { organizationColumns, organizationOf, type OrganizationColumns } from './organization.query.ts'
import { toIso } from './time.ts'

/** How the notification ledger's rows read and become contract notices (store/notifications.repo.ts). */

export type NotificationRow = OrganizationColumns & {
  id: number
  cluster_id: string
  /** The mirror's name for the cluster; null for a digest or a cluster its connection no longer lists. */
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

/** The columns of a notice row `n` joined with NOTICE_JOINS. */
export const NOTICE_COLUMNS = `n.id, n.cluster_id, n.kind, n.slot, n.backup_id, n.title, n.body, n.severity, n.created_at, n.read,
    o_k.cluster_name, ${organizationColumns('o')}`

/** The organization that raised the notice (its connection, schema 12) and the cluster's name as it mirrors it. */
export const NOTICE_JOINS = `LEFT JOIN connections o ON o.id = n.connection_id
  LEFT JOIN clusters o_k ON o_k.connection_id = n.connection_id AND o_k.cluster_id = n.cluster_id`

/** Each notice with its organization and cluster name; filter and order on `n`. */
export const SELECT_NOTICES = `SELECT ${NOTICE_COLUMNS} FROM notifications n ${NOTICE_JOINS}`

export function noticeRows(db: StoreDatabase, sql: string, params: unknown[] = []): Notification[] {
  return (db.prepare(sql).all(...params) as NotificationRow[]).map(fromRow)
}

/** `missed-unverified` has its own key but is, to the admin, a `missed` notice (its title says unverified). */
function contractKind(kind: LedgerKind): Notification['kind'] {
  return kind === 'missed-unverified' ? 'missed' : kind
}

export function fromRow(row: NotificationRow): Notification {
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

export function fromDraft(id: number, d: NoticeDraft, nowMs: number): Notification {
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
