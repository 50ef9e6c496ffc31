import { isCoreError } from '#contract/errors'
import type { ApiBackup } from '../api/normalize.ts'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { Logger } from '../lib/logger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { claimedBackupIds, confirmIntent, failIntent, type BackupIntent } from '../store/intents.repo.ts'

/** How far before the request a backup may appear to be ours, allowing for clock skew. */
const RECONCILE_MARGIN_MS = 2 * 60_000
/**
 * Zilliz Cloud records a backup (as CREATING) before it answers the create call, so a request that reached it
 * shows in the list by the time its answer would have come. A list read this long after the request (server
 * time) that shows no new backup proves nothing was made, and ends the lock-out at once.
 */
export const UNKNOWN_SETTLE_MS = 60_000

export type Settled = {
  intent: BackupIntent
  backup: ApiBackup | null
  /** Still UNKNOWN: how long until a list read can prove nothing was made (and the admin may retry). */
  retryAfterMs: number | null
}

/**
 * Settles an uncertain create request (R25) against the cluster's MANUAL backups. It claims only a backup that
 * did not exist before the request (`knownBackupIds`) and that no other request claimed, made no earlier than
 * the request (less the skew margin): by id, not by time alone.
 */
export async function settleIntent(
  deps: { db: StoreDatabase; logger: Logger; now: () => number },
  client: ZillizClient,
  intent: BackupIntent
): Promise<Settled> {
  let backups: ApiBackup[]
  try {
    backups = await client.listAllBackups({ clusterId: intent.clusterId, creationMethod: 'MANUAL' })
  } catch (error) {
    deps.logger.warn('intent reconciliation failed', { intentId: intent.id, error: isCoreError(error) ? error.code : String(error) })
    return { intent, backup: null, retryAfterMs: intent.state === 'UNKNOWN' ? UNKNOWN_SETTLE_MS : null }
  }
  // The list's answer dates the read in server time; the request was dated the same way.
  const readAtServerMs = deps.now() + client.serverClockSkewMs()
  const known = new Set(intent.knownBackupIds ?? [])
  const claimed = claimedBackupIds(deps.db, intent.connectionId, intent.id)
  const found = backups
    .filter((b) => !known.has(b.backupId) && !claimed.has(b.backupId))
    .filter((b) => Date.parse(b.createTime) >= intent.requestedAtServerMs - RECONCILE_MARGIN_MS)
    .sort((a, b) => Date.parse(a.createTime) - Date.parse(b.createTime))[0]
  if (found !== undefined) {
    const confirmed = confirmIntent(deps.db, intent.id, { backupId: found.backupId, jobId: null }, deps.now())
    deps.logger.info('intent reconciled', { intentId: intent.id, backupId: found.backupId })
    return { intent: confirmed, backup: found, retryAfterMs: null }
  }
  const waitMs = intent.requestedAtServerMs + UNKNOWN_SETTLE_MS - readAtServerMs
  if (intent.state === 'PENDING' || waitMs <= 0) {
    // PENDING at reconciliation means the app stopped before sending; otherwise the list was read late enough.
    return { intent: failIntent(deps.db, intent.id, 'No backup was created for this request.', deps.now()), backup: null, retryAfterMs: null }
  }
  return { intent, backup: null, retryAfterMs: Math.ceil(waitMs) }
}
