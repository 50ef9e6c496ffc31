import type { KeychainStatus } from '#contract/models/connection'
import type { Logger } from '../lib/logger.ts'
import { createFailClosedSecretStore, type FailClosedSecretStore } from './fail-closed-secret-store.ts'
import { createKeytarSecretStore } from './keytar-secret-store.ts'

/**
 * The SecretStore both hosts use: the OS keychain through keytar, falling back to memory-only for
 * the session when the keychain is unavailable (never to a file). Switching to Electron `safeStorage`
 * later changes this one function (style-guide S15).
 */
export function createOsSecretStore(logger: Logger): FailClosedSecretStore {
  return createFailClosedSecretStore({ primary: createKeytarSecretStore(), logger })
}

/** What the core reports to the UI (`keychain/status`): the warning text is the reason shown. */
export function keychainStatusOf(store: FailClosedSecretStore): KeychainStatus {
  const status = store.status()
  return status.mode === 'keychain' ? { mode: 'keychain' } : { mode: 'memory-only', reason: status.warning }
}
