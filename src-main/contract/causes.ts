/*
 * Why something that needs Zilliz Cloud failed, as one closed set of causes with ONE sentence each. The core
 * stores a sync's cause (sync/status), and every screen (top bar, toasts, connection row, add form) words a
 * cause with CAUSE_TEXT, so one missing key never reads three different ways. Free of zod for the renderer.
 */

export const FAILURE_CAUSES = [
  'no-key',
  'key-refused',
  'keychain-locked',
  'unreachable',
  'timeout',
  'rate-limited',
  'rejected',
  'unexpected-answer',
  'local-store',
  'internal'
] as const
export type FailureCause = (typeof FAILURE_CAUSES)[number]

export const CAUSE_TEXT: Record<FailureCause, string> = {
  'no-key': 'No API key is stored for this connection.',
  'key-refused': 'Zilliz Cloud refused the API key.',
  'keychain-locked': 'The system keychain is locked or unavailable, so the API key cannot be read.',
  unreachable: 'Zilliz Cloud cannot be reached.',
  timeout: 'Zilliz Cloud did not answer in time.',
  'rate-limited': 'Zilliz Cloud is limiting requests right now.',
  rejected: 'Zilliz Cloud refused the request.',
  'unexpected-answer': 'Zilliz Cloud answered with something unexpected.',
  'local-store': 'Backup Desk could not write its local database.',
  internal: 'Something went wrong in Backup Desk.'
}

/** Causes that a new or re-entered API key fixes ("Enter key"). */
export const KEY_CAUSES: ReadonlySet<FailureCause> = new Set(['no-key', 'key-refused'])
/** Causes that mean "the network or the service is away": the app works from its cache. */
export const OFFLINE_CAUSES: ReadonlySet<FailureCause> = new Set(['unreachable', 'timeout'])

const BY_CODE: Record<string, FailureCause> = {
  'api/unreachable': 'unreachable',
  'api/timeout': 'timeout',
  'api/unauthorized': 'key-refused',
  'api/rejected': 'rejected',
  'api/rate-limited': 'rate-limited',
  'api/invalid-response': 'unexpected-answer',
  'secret/unavailable': 'keychain-locked',
  'store/failed': 'local-store',
  internal: 'internal'
}

/**
 * The cause of an error: `details.cause` when the core named it (a missing key is `secret/unavailable` too),
 * else its code's; null for errors that are not a failure to reach or use Zilliz Cloud (bad input, busy, ...).
 */
export function failureCauseOf(error: { code: string; details?: { cause?: FailureCause | undefined } | undefined }): FailureCause | null {
  return error.details?.cause ?? BY_CODE[error.code] ?? null
}
