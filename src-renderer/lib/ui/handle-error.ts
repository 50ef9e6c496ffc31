import { CAUSE_TEXT, failureCauseOf } from '#contract/causes'
import type { CoreErrorCode, SerializedError } from '#contract/errors'
import { keyActionFor } from '../services/key-prompt.ts'
import { toasts } from '../state/toasts.svelte.ts'

/** Plain words for an error code. The one place that maps codes to text. */
export function errorMessage(error: Pick<SerializedError, 'code' | 'message' | 'details'>): string {
  const code: CoreErrorCode = error.code
  // A cause (no key, key refused, keychain locked, unreachable, ...) reads the same everywhere: CAUSE_TEXT.
  switch (code) {
    case 'api/unreachable':
      // Not "showing cached data": this text follows actions too (a create, a new connection) that have none to show.
      return `${CAUSE_TEXT.unreachable} Check the network and try again.`
    case 'api/timeout':
      return `${CAUSE_TEXT.timeout} Try again in a moment.`
    case 'api/unauthorized':
      return `${CAUSE_TEXT['key-refused']} Its answer: ${error.message}. Enter a valid key for this connection.`
    case 'api/rejected':
      return `Zilliz Cloud refused the request: ${error.message}`
    case 'api/rate-limited':
      return `${CAUSE_TEXT['rate-limited']} Wait a moment and try again.`
    case 'api/invalid-response':
      return `${CAUSE_TEXT['unexpected-answer']} Try again later.`
    case 'input/invalid':
      return `Check the input: ${error.message}`
    case 'draft/conflict':
      return 'The policy was changed elsewhere since this draft was made. Review it in Drafts.'
    case 'secret/unavailable':
      return failureCauseOf(error) === 'no-key' ? `${CAUSE_TEXT['no-key']} Enter it to continue.` : CAUSE_TEXT['keychain-locked']
    case 'store/failed':
      return `${CAUSE_TEXT['local-store']} Is the disk full or read-only?`
    case 'busy':
      // The core says what is busy and when to try again ("An earlier backup request for this cluster got no answer…").
      return error.message === '' ? 'Another operation is still running. Try again when it has finished.' : error.message
    case 'not-found':
      return 'That item no longer exists. It may have been removed elsewhere; sync to refresh.'
    case 'host/unreachable':
      return error.message
    case 'internal':
      return `Something went wrong in Backup Desk: ${error.message}`
  }
}

/**
 * Shows an error as a toast, with what was being done as the title, and an "Enter key" button when a missing or
 * refused key of that connection (the active one by default) is what stopped the work. Returns the text shown.
 */
export function handleError(error: Pick<SerializedError, 'code' | 'message' | 'details'>, doing: string, connectionId?: string): string {
  const message = errorMessage(error)
  toasts.error(doing, message, keyActionFor(error, connectionId) ?? undefined)
  return message
}
