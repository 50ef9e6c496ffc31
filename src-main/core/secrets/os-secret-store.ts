import type { KeychainStatus } from '#contract/models/connection'
import type { Logger } from '../lib/logger.ts'
import { createFailClosedSecretStore, type FailClosedSecretStore } from './fail-closed-secret-store.ts'
import { KEYCHAIN_ENABLE_COMMAND, KEYCHAIN_LIBRARY_MISSING } from './keychain-errors.ts'
import { createKeytarSecretStore } from './keytar-secret-store.ts'

/**
 * The SecretStore both hosts use: the OS keychain through keytar, falling back to memory-only for
 * the session when the keychain is unavailable (never to a file). Switching to Electron `safeStorage`
 * later changes this one function.
 */
export function createOsSecretStore(logger: Logger): FailClosedSecretStore {
  return createFailClosedSecretStore({ primary: createKeytarSecretStore(), logger })
}

/**
 * What the core reports to the UI (`keychain/status`): the warning text is the reason shown, and where the
 * keychain module could not be loaded (it is optional at install), the command that enables it. A demo's keys are
 * kept in memory (both hosts give it a MemorySecretStore), whatever the keychain could do.
 */
export function keychainStatusOf(store: FailClosedSecretStore, isDemo = false): KeychainStatus {
  if (isDemo) return { mode: 'memory-only', demo: true }
  const status = store.status()
  if (status.mode === 'keychain') return { mode: 'keychain' }
  const canBeEnabled = status.reason === KEYCHAIN_LIBRARY_MISSING && process.platform === 'linux'
  return { mode: 'memory-only', reason: status.warning, ...(canBeEnabled ? { enableCommand: KEYCHAIN_ENABLE_COMMAND } : {}) }
}
