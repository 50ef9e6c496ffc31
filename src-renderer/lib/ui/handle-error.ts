import type { CoreErrorCode, SerializedError } from '#contract/errors'
import { keyActionFor } from '../services/key-prompt.ts'
import { toasts } from '../state/toasts.svelte.ts'

/** Plain words for an error code. The one place that maps codes to text (style-guide S11). */
export function errorMessage(error: Pick<SerializedError, 'code' | 'message'>): string {
  const code: CoreErrorCode = error.code
  switch (code) {
    case 'api/unreachable':
      return "Can't reach Zilliz Cloud — showing cached data"
    case 'api/timeout':
      return 'Zilliz Cloud took too long to answer. Try again in a moment.'
    case 'api/unauthorized':
      return `Zilliz Cloud refused the API key (${error.message}). Check the key in Settings → Connections.`
    case 'api/rejected':
      return `Zilliz Cloud refused the request: ${error.message}`
    case 'api/rate-limited':
      return 'Zilliz Cloud is limiting requests right now. Wait a moment and try again.'
    case 'api/invalid-response':
      return 'Zilliz Cloud answered with something unexpected. Try again later.'
    case 'input/invalid':
      return `Check the input: ${error.message}`
    case 'draft/conflict':
      return 'The policy was changed elsewhere since this draft was made. Review it in Drafts.'
    case 'secret/unavailable':
      return 'The system keychain is unavailable, so the API key could not be read or stored.'
    case 'store/failed':
      return 'Backup Desk could not write its local database (is the disk full or read-only?).'
    case 'busy':
      return 'Another operation is still running. Try again when it has finished.'
    case 'not-found':
      return 'That item no longer exists. It may have been removed elsewhere; sync to refresh.'
    case 'internal':
      return `Something went wrong in Backup Desk: ${error.message}`
  }
}

/**
 * Shows an error as a toast, with what was being done as the title, and an "Enter key" button when a missing or
 * refused key of that connection (the active one by default) is what stopped the work. Returns the text shown.
 */
export function handleError(error: Pick<SerializedError, 'code' | 'message'>, doing: string, connectionId?: string): string {
  const message = errorMessage(error)
  toasts.error(doing, message, keyActionFor(error, connectionId) ?? undefined)
  return message
}
