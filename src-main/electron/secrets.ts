import type { KeychainStatus } from '#contract/models/connection'
import type { Logger } from '#core/lib/logger'
import { createFailClosedSecretStore, type FailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'

/**
 * The desktop's SecretStore: the OS keychain through keytar, falling back to memory-only for the
 * session when the keychain is unavailable (never to a file). Switching to Electron `safeStorage`
 * later changes this one function (style-guide S15).
 */
export function createDesktopSecretStore(logger: Logger): FailClosedSecretStore {
  return createFailClosedSecretStore({ primary: createKeytarSecretStore(), logger })
}

/**
 * A logger for things created before the core (which owns the log file) exists. Lines written
 * before the core is booted are dropped; in practice the keychain is first touched after boot.
 */
export function deferredLogger(current: () => Logger | undefined): Logger {
  return {
    debug: (message, fields) => current()?.debug(message, fields),
    info: (message, fields) => current()?.info(message, fields),
    warn: (message, fields) => current()?.warn(message, fields),
    error: (message, fields) => current()?.error(message, fields)
  }
}

/** What the core reports to the UI (`keychainStatus`): the warning text is the reason shown. */
export function keychainStatusOf(store: FailClosedSecretStore): KeychainStatus {
  const status = store.status()
  return status.mode === 'keychain' ? { mode: 'keychain' } : { mode: 'memory-only', reason: status.warning }
}
