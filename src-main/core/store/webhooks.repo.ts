import { CoreError } from '#contract/errors'
import type { NotificationKind } from '#contract/models/notification'
import type { WebhookDelivery, WebhookKind } from '#contract/models/webhook'
import type { StoreDatabase } from './database.ts'
import { toIso } from './time.ts'
import { readQuery, writeTransaction } from './transaction.ts'

/** Webhook destinations, outbox and delivery log (schema 7). No URL is ever stored here. */

export type StoredDestination = {
  id: string
  name: string
  kind: WebhookKind
  kinds: NotificationKind[] | null
  connectionId: string | null
  prefix: string
  digestTime: string | null
  digestThrough: number | null
  hostHint: string
  createdAt: number
}

export type OutboxRow = { id: number; destinationId: string; eventId: string; event: string; raisedAt: number; attempts: number }

type DeliveryEntry = Omit<WebhookDelivery, 'id' | 'at'> & { at: number }

/** Log lines kept per destination; older ones are dropped as new ones arrive. */
const DELIVERY_LOG_LIMIT = 500

type DestinationRow = {
  id: string; name: string; kind: WebhookKind; kinds: string | null; connection_id: string | null; prefix: string
  digest_time: string | null; digest_through: number | null; host_hint: string; created_at: number
}

export function insertDestination(db: StoreDatabase, d: StoredDestination): void {
  writeTransaction(db, 'add a webhook destination', () => {
    db.prepare(
      `INSERT INTO webhook_destinations (id, name, kind, kinds, connection_id, prefix, digest_time, digest_through, host_hint, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(d.id, d.name, d.kind, d.kinds === null ? null : JSON.stringify(d.kinds), d.connectionId, d.prefix, d.digestTime, d.digestThrough, d.hostHint, d.createdAt)
  })
}

export function listDestinations(db: StoreDatabase): StoredDestination[] {
  const rows = readQuery('list webhook destinations', () =>
    db.prepare('SELECT * FROM webhook_destinations ORDER BY created_at, id').all()
  ) as DestinationRow[]
  return rows.map(fromRow)
}

export function getDestination(db: StoreDatabase, id: string): StoredDestination {
  const found = findDestination(db, id)
  if (found === null) throw new CoreError('not-found', 'No such webhook destination.', { field: 'id' })
  return found
}

export function findDestination(db: StoreDatabase, id: string): StoredDestination | null {
  const row = readQuery('read a webhook destination', () =>
    db.prepare('SELECT * FROM webhook_destinations WHERE id = ?').get(id)
  ) as DestinationRow | undefined
  return row === undefined ? null : fromRow(row)
}

/** Removes the destination; its outbox rows and log go with it (ON DELETE CASCADE). */
export function removeDestination(db: StoreDatabase, id: string): void {
  writeTransaction(db, 'remove a webhook destination', () => {
    db.prepare('DELETE FROM webhook_destinations WHERE id = ?').run(id)
  })
}

export function setDigestThrough(db: StoreDatabase, id: string, ms: number): void {
  writeTransaction(db, 'record the queued digest', () => {
    db.prepare('UPDATE webhook_destinations SET digest_through = ? WHERE id = ?').run(ms, id)
  })
}

/** Queues one event for one destination; queueing the same event id again is a no-op. Call inside a transaction. */
export function enqueue(db: StoreDatabase, row: { destinationId: string; eventId: string; event: string; raisedAt: number; dueAt: number }): void {
  db.prepare(
    `INSERT OR IGNORE INTO webhook_outbox (destination_id, event_id, event, raised_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)`
  ).run(row.destinationId, row.eventId, row.event, row.raisedAt, row.dueAt)
}

export function dueMessages(db: StoreDatabase, nowMs: number, limit: number): OutboxRow[] {
  return readQuery('read due webhook messages', () =>
    db
      .prepare(
        `SELECT id, destination_id AS destinationId, event_id AS eventId, event, raised_at AS raisedAt, attempts
         FROM webhook_outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`
      )
      .all(nowMs, limit)
  ) as OutboxRow[]
}

export function nextMessageAt(db: StoreDatabase): number | null {
  const row = readQuery('read the next webhook attempt', () =>
    db.prepare('SELECT MIN(next_attempt_at) AS at FROM webhook_outbox').get()
  ) as { at: number | null }
  return row.at
}

export function pendingByDestination(db: StoreDatabase): Map<string, number> {
  const rows = readQuery('count webhook messages', () =>
    db.prepare('SELECT destination_id AS id, COUNT(*) AS n FROM webhook_outbox GROUP BY destination_id').all()
  ) as { id: string; n: number }[]
  return new Map(rows.map((r) => [r.id, r.n]))
}

/** Ends a message (delivered, refused, given up) and logs the attempt, in one transaction. */
export function finishMessage(db: StoreDatabase, rowId: number, destinationId: string, entry: DeliveryEntry): void {
  writeTransaction(db, 'finish a webhook message', () => {
    db.prepare('DELETE FROM webhook_outbox WHERE id = ?').run(rowId)
    insertDelivery(db, destinationId, entry)
  })
}

/** Plans the next attempt and logs this one, in one transaction. */
type RetryReason = 'network' | 'receiver' | 'keychain'

/** Plans the next attempt and logs this one (none when the attempt never left: breaker open), in one transaction. */
export function retryMessage(
  db: StoreDatabase,
  row: { id: number; destinationId: string },
  next: { at: number; reason: RetryReason },
  entry: DeliveryEntry | null
): void {
  writeTransaction(db, 'plan a webhook retry', () => {
    db.prepare('UPDATE webhook_outbox SET attempts = attempts + ?, next_attempt_at = ?, retry_reason = ? WHERE id = ?')
      .run(entry === null ? 0 : 1, next.at, next.reason, row.id)
    if (entry !== null) insertDelivery(db, row.destinationId, entry)
  })
}

/** The network is back: messages that failed for lack of it are due now (other waits, e.g. Retry-After, stand). */
export function retryNetworkFailuresNow(db: StoreDatabase, nowMs: number): number {
  return writeTransaction(db, 'retry webhook messages after reconnecting', () =>
    db.prepare("UPDATE webhook_outbox SET next_attempt_at = ? WHERE retry_reason = 'network' AND next_attempt_at > ?").run(nowMs, nowMs).changes
  )
}

export function logDelivery(db: StoreDatabase, destinationId: string, entry: DeliveryEntry): void {
  writeTransaction(db, 'log a webhook delivery', () => insertDelivery(db, destinationId, entry))
}

function insertDelivery(db: StoreDatabase, destinationId: string, e: DeliveryEntry): void {
  db.prepare(
    `INSERT INTO webhook_deliveries (destination_id, at, event_id, title, result, status, attempt, late, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(destinationId, e.at, e.eventId, e.title.slice(0, 300), e.result, e.status, e.attempt, e.late ? 1 : 0, e.error)
  db.prepare(
    `DELETE FROM webhook_deliveries WHERE destination_id = ? AND id <= (
       SELECT id FROM webhook_deliveries WHERE destination_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`
  ).run(destinationId, destinationId, DELIVERY_LOG_LIMIT)
}

export function listDeliveries(db: StoreDatabase, destinationId: string, limit: number): WebhookDelivery[] {
  type Row = { id: number; at: number; event_id: string; title: string; result: WebhookDelivery['result']; status: number | null; attempt: number; late: number; error: string | null }
  const rows = readQuery('read the webhook delivery log', () =>
    db.prepare('SELECT * FROM webhook_deliveries WHERE destination_id = ? ORDER BY id DESC LIMIT ?').all(destinationId, limit)
  ) as Row[]
  return rows.map((r) => ({
    id: String(r.id), at: toIso(r.at), eventId: r.event_id, title: r.title, result: r.result,
    status: r.status, attempt: r.attempt, late: r.late === 1, error: r.error
  }))
}

function fromRow(r: DestinationRow): StoredDestination {
  return {
    id: r.id, name: r.name, kind: r.kind, kinds: r.kinds === null ? null : (JSON.parse(r.kinds) as NotificationKind[]),
    connectionId: r.connection_id, prefix: r.prefix, digestTime: r.digest_time, digestThrough: r.digest_through,
    hostHint: r.host_hint, createdAt: r.created_at
  }
}
