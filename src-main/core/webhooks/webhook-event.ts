import { createHash } from 'node:crypto'
import type { HealthLevel } from '#contract/health'
import type { Notification } from '#contract/models/notification'
import type { ClusterContext } from '../store/webhook-context.query.ts'

/**
 * The versioned, URL-free events a destination receives (docs/webhooks.md). The generic JSON format sends
 * them as they are; Slack and Teams render them. They are stored in the outbox as queued, so a restart sends
 * exactly what was raised.
 */
const NOTICE_SCHEMA = 'backup-desk.notice/v1'
export const DIGEST_SCHEMA = 'backup-desk.digest/v1'
export const TEST_SCHEMA = 'backup-desk.test/v1'

/** The kinds of single notices (a digest is its own event). */
type NoticeKind = Exclude<Notification['kind'], 'digest'>

export type NoticeEvent = {
  schema: typeof NOTICE_SCHEMA
  /**
   * Stable for one notice (connection, cluster, kind, slot; store/notifications.repo.ts `noticeKey`) on every run and
   * every machine: the receiver's dedup key.
   */
  eventId: string
  kind: NoticeKind
  severity: Notification['severity']
  title: string
  body: string
  /** When the notice was raised, ISO UTC. */
  time: string
  /** The instant the notice is about (window start, expiry, job end), ISO UTC. */
  slot: string
  /** The backup window, for `upcoming` and `missed`. */
  window: { start: string } | null
  connection: { id: string; name: string } | null
  project: { id: string; name: string | null } | null
  cluster: { id: string; name: string | null }
  backup: { id: string } | null
}

/** Clusters by health level (contract/health.ts), and in all. */
export type FleetCounts = { clusters: number } & Record<HealthLevel, number>

export type DigestEvent = {
  schema: typeof DIGEST_SCHEMA
  eventId: string
  kind: 'digest'
  severity: Notification['severity']
  title: string
  time: string
  period: { from: string; to: string }
  fleet: FleetCounts
  notices: NoticeEvent[]
}

/** What "Send test" sends: clearly not a notice, so a receiver's filters can drop it. */
export type TestEvent = {
  schema: typeof TEST_SCHEMA
  eventId: string
  kind: 'test'
  severity: 'info'
  title: string
  body: string
  time: string
}

export type WebhookEvent = NoticeEvent | DigestEvent | TestEvent

const WINDOW_KINDS: ReadonlySet<string> = new Set(['upcoming', 'missed'])

export function stableEventId(key: string): string {
  return `bd1-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`
}

export function noticeEvent(notice: Notification, key: string, context: ClusterContext | null): NoticeEvent {
  if (notice.kind === 'digest') throw new Error('A digest notice is not sent as a notice event.')
  return {
    schema: NOTICE_SCHEMA,
    eventId: stableEventId(key),
    kind: notice.kind,
    severity: notice.severity,
    title: notice.title,
    body: notice.body,
    time: notice.createdAt,
    slot: notice.slot,
    window: WINDOW_KINDS.has(notice.kind) ? { start: notice.slot } : null,
    connection: context === null ? null : { id: context.connectionId, name: context.connectionName },
    project: context === null ? null : { id: context.projectId, name: context.projectName },
    cluster: { id: notice.clusterId, name: context?.clusterName ?? null },
    backup: notice.backupId === undefined ? null : { id: notice.backupId }
  }
}
