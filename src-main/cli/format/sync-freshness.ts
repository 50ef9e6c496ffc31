import type { SyncStatus } from '#contract/commands/sync'
import type { Connection } from '#contract/models/connection'
import { durationText } from '#contract/time'
import { DEFAULT_SYNC_INTERVAL_MS } from '#core/create-core'


/** One organization's stored sync state, as `status --json` and `check --json` print it. */
export type ConnectionSync = {
  connectionId: string
  connectionName: string
  /** When the last sync that succeeded finished (ISO, UTC); null = never synced. What the app's "Synced HH:MM" shows. */
  syncedAt: string | null
  /** When the last attempt failed (ISO, UTC) and why; both null when the last attempt succeeded. */
  lastSyncFailedAt: string | null
  lastSyncError: string | null
}

export function connectionSync(connection: Connection, status: SyncStatus | undefined): ConnectionSync {
  const error = status?.lastError ?? connection.lastSyncError
  return {
    connectionId: connection.id,
    connectionName: connection.name,
    syncedAt: status?.lastSuccessAt ?? connection.lastSyncAt,
    lastSyncFailedAt: error === null ? null : (status?.lastFinishedAt ?? null),
    lastSyncError: error
  }
}

/**
 * `Org B: synced 14:39 UTC (8 min ago).`, `Org C: never synced. Run …`, `Org B: last sync failed at 14:45 UTC (2 min
 * ago): <reason>. Showing data synced 14:39 UTC (8 min ago). Run …`: how fresh the cached data is, with the command
 * that refreshes it when it is older than the app's sync interval, never synced, or the last sync failed.
 */
export function freshnessLine(sync: ConnectionSync, nowMs: number): string {
  const synced = sync.syncedAt === null ? null : `${clockText(sync.syncedAt, nowMs)} (${ago(sync.syncedAt, nowMs)})`
  const stale = sync.syncedAt === null || nowMs - Date.parse(sync.syncedAt) > DEFAULT_SYNC_INTERVAL_MS
  const hint = ' Run `backup-desk sync` for fresh data.'
  if (sync.lastSyncError !== null) {
    const when = sync.lastSyncFailedAt === null ? '' : ` at ${clockText(sync.lastSyncFailedAt, nowMs)} (${ago(sync.lastSyncFailedAt, nowMs)})`
    const data = synced === null ? 'Nothing synced yet.' : `Showing data synced ${synced}.`
    return `${sync.connectionName}: last sync failed${when}: ${firstLine(sync.lastSyncError)}. ${data}${hint}`
  }
  if (synced === null) return `${sync.connectionName}: never synced.${hint}`
  return `${sync.connectionName}: synced ${synced}.${stale ? hint : ''}`
}

/** `14:39 UTC` today (in UTC), `2026-11-27 14:39 UTC` another day. */
function clockText(iso: string, nowMs: number): string {
  const text = new Date(iso).toISOString()
  const sameDay = text.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10)
  return `${sameDay ? '' : text.slice(0, 10) + ' '}${text.slice(11, 16)} UTC`
}

function ago(iso: string, nowMs: number): string {
  const ms = nowMs - Date.parse(iso)
  return ms < 0 ? `in ${durationText(ms)}` : `${durationText(ms)} ago`
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim().replace(/\.$/, '')
}
