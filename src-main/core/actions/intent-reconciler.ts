import { isCoreError } from '#contract/errors'
import type { ApiBackup } from '../api/normalize.ts'
import type { ZillizClient } from '../api/zilliz-client.ts'
import type { Logger } from '../lib/logger.ts'
import type { StoreDatabase } from '../store/database.ts'
import { claimedBackupIds, confirmIntent, failIntent, type BackupIntent, type IntentKind } from '../store/intents.repo.ts'

/** How far before the request a backup may appear to be ours, allowing for clock skew. */
const RECONCILE_MARGIN_MS = 2 * 60_000
/**
 * Zilliz Cloud records a backup (as CREATING) before it answers the create call, so a request that reached it
 * shows in the list by the time its answer would have come. A list read this long after the request (server
 * time) that shows no new backup proves nothing was made, and ends the lock-out at once.
 */
export const UNKNOWN_SETTLE_MS = 60_000

type Settled = {
  intent: BackupIntent
  backup: ApiBackup | null
  /** Still UNKNOWN: how long until a list read can prove nothing was made (and the admin may retry). */
  retryAfterMs: number | null
}

/** The backups an intent may claim: a manual request's are MANUAL, the backup enabling a policy starts is AUTO. */
const METHOD_OF: Record<IntentKind, 'MANUAL' | 'AUTO'> = { create: 'MANUAL', 'first-backup': 'AUTO' }

type ReconcilerDeps = { db: StoreDatabase; logger: Logger; now: () => number }

/** What one read of the cluster's backups showed: the backup now claimed by the intent, or none yet. */
type Claim = { intent: BackupIntent; backup: ApiBackup | null; readAtServerMs: number }

/**
 * Reads the cluster's backups of the intent's creation method once and claims the oldest that did not exist before
 * the intent (`knownBackupIds`), that no other intent claimed, and that was made no earlier than the request (less
 * the skew margin): by id, not by time alone (issue #11 item 8). Null when the list could not be read.
 */
export async function claimNewBackup(deps: ReconcilerDeps, client: ZillizClient, intent: BackupIntent): Promise<Claim | null> {
  let backups: ApiBackup[]
  try {
    backups = await client.listAllBackups({ clusterId: intent.clusterId, creationMethod: METHOD_OF[intent.kind] })
  } catch (error) {
    deps.logger.warn('intent reconciliation failed', { intentId: intent.id, error: isCoreError(error) ? error.code : String(error) })
    return null
  }
  // The list's answer dates the read in server time; the request was dated the same way.
  const readAtServerMs = deps.now() + client.serverClockSkewMs()
  const known = new Set(intent.knownBackupIds ?? [])
  const claimed = claimedBackupIds(deps.db, intent.connectionId, intent.id)
  const found = backups
    .filter((b) => !known.has(b.backupId) && !claimed.has(b.backupId))
    .filter((b) => Date.parse(b.createTime) >= intent.requestedAtServerMs - RECONCILE_MARGIN_MS)
    .sort((a, b) => Date.parse(a.createTime) - Date.parse(b.createTime))[0]
  if (found === undefined) return { intent, backup: null, readAtServerMs }
  const confirmed = confirmIntent(deps.db, intent.id, { backupId: found.backupId, jobId: intent.jobId }, deps.now())
  deps.logger.info('intent reconciled', { intentId: intent.id, kind: intent.kind, backupId: found.backupId })
  return { intent: confirmed, backup: found, readAtServerMs }
}

/**
 * Settles an uncertain create request (docs/reliability.md#r25) against the cluster's MANUAL backups
 * (`claimNewBackup`); a read late enough after the request that shows nothing new proves nothing was made.
 */
export async function settleIntent(deps: ReconcilerDeps, client: ZillizClient, intent: BackupIntent): Promise<Settled> {
  const claim = await claimNewBackup(deps, client, intent)
  if (claim === null) return { intent, backup: null, retryAfterMs: intent.state === 'UNKNOWN' ? UNKNOWN_SETTLE_MS : null }
  if (claim.backup !== null) return { intent: claim.intent, backup: claim.backup, retryAfterMs: null }
  const waitMs = intent.requestedAtServerMs + UNKNOWN_SETTLE_MS - claim.readAtServerMs
  if (intent.state === 'PENDING' || waitMs <= 0) {
    // PENDING at reconciliation means the app stopped before sending; otherwise the list was read late enough.
    return { intent: failIntent(deps.db, intent.id, 'No backup was created for this request.', deps.now()), backup: null, retryAfterMs: null }
  }
  return { intent, backup: null, retryAfterMs: Math.ceil(waitMs) }
}
