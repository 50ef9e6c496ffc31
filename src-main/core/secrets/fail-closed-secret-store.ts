import { isCoreError } from '#contract/errors'
import type { Logger } from '../lib/logger.ts'
import { silentLogger } from '../lib/logger.ts'
import type { SecretStore } from './secret-store.ts'
import { MemorySecretStore } from './memory-secret-store.ts'

/** `reason` says why (plain text from the keychain store); `warning` is what the user sees. */
export type SecretStoreStatus =
  | { readonly mode: 'keychain' }
  | { readonly mode: 'memory-only'; readonly reason: string; readonly warning: string }

type StatusListener = (status: SecretStoreStatus) => void

export type FailClosedSecretStore = SecretStore & {
  status(): SecretStoreStatus
  /** On each mode change (at most one per run: memory-only is final); returns unsubscribe. */
  onStatusChange(listener: StatusListener): () => void
  /**
   * A harmless read of a fixed account at start, so an unreachable keychain (no bus, no Secret
   * Service, hang) shows its warning before the user types a key. A read cannot tell a missing
   * or locked login collection from a missing entry (both answer null): the first write does.
   */
  probe(): Promise<SecretStoreStatus>
}

/** The text the app shows while in memory-only mode (docs/reliability.md#r13: a visible warning). */
export const MEMORY_ONLY_WARNING =
  'The system keychain is unavailable: API keys are kept in memory for this session only ' +
  'and must be re-entered after a restart.'

/** Never a connection id (those are generated): reserved for the probe. */
export const PROBE_ACCOUNT = '__backup-desk-probe__'

const UNEXPECTED_FAILURE = 'The system keychain failed unexpectedly.'

/**
 * docs/reliability.md#r13 "fail closed". Wraps the keychain store; the first `secret/unavailable` (no session bus,
 * locked or absent keyring, 2 s timeout) switches this run to memory-only mode:
 * - the failed call is answered from memory (a failed `set` keeps the key in memory) and later
 *   calls never touch the keychain again; a key is never written anywhere else (file, db, log);
 * - the mode is sticky for the run and keys entered in it are NOT migrated to the keychain later:
 *   a keychain that comes back mid-run is not written to behind the user's back, and the warning
 *   already says to re-enter the key after a restart, when the keychain is tried afresh;
 * - `delete` in memory-only mode removes the memory entry only; a keychain entry written before
 *   the switch stays there (encrypted, not plain text) and the account is logged for cleanup.
 * Other errors (e.g. `input/invalid`) pass through and do not switch the mode.
 */
export function createFailClosedSecretStore(options: {
  primary: SecretStore
  logger?: Logger
}): FailClosedSecretStore {
  const { primary } = options
  const logger = options.logger ?? silentLogger
  const memory = new MemorySecretStore()
  const listeners = new Set<StatusListener>()
  let current: SecretStoreStatus = { mode: 'keychain' }

  const switchToMemoryOnly = (reason: string): void => {
    if (current.mode === 'memory-only') return
    const changed: SecretStoreStatus = { mode: 'memory-only', reason, warning: MEMORY_ONLY_WARNING }
    current = changed
    logger.warn('secrets: keychain unavailable, memory-only mode for this session', { reason })
    for (const listener of [...listeners]) notify(listener, changed, logger)
  }

  /** `keychainCall` while the keychain works; after `secret/unavailable`, `fallback` instead. */
  const attempt = async <T>(
    keychainCall: () => Promise<T>,
    fallback: () => Promise<T>
  ): Promise<T> => {
    if (current.mode === 'memory-only') return fallback()
    try {
      return await keychainCall()
    } catch (error: unknown) {
      if (isCoreError(error) && error.code !== 'secret/unavailable') throw error
      // A plain Error breaks the port's contract; failing closed is still the safe reading. Its
      // text is not reused: it might echo the secret.
      switchToMemoryOnly(isCoreError(error) ? error.message : UNEXPECTED_FAILURE)
      return fallback()
    }
  }

  return {
    get: (account) =>
      attempt(
        () => primary.get(account),
        () => memory.get(account)
      ),
    set: (account, secret) =>
      attempt(
        () => primary.set(account, secret),
        () => memory.set(account, secret)
      ),
    delete: (account) =>
      attempt(
        () => primary.delete(account),
        () => {
          logger.warn('secrets: memory-only delete, an earlier keychain entry may remain', {
            account
          })
          return memory.delete(account)
        }
      ),
    status: () => current,
    onStatusChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    async probe() {
      await attempt(
        () => primary.get(PROBE_ACCOUNT),
        () => Promise.resolve(null)
      )
      return current
    }
  }
}

/** A throwing listener (e.g. a closed window) must not stop the others or the store call. */
function notify(listener: StatusListener, status: SecretStoreStatus, logger: Logger): void {
  try {
    listener(status)
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error)
    logger.error('secrets: status listener failed', { error: message })
  }
}
