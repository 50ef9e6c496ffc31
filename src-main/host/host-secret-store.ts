import { createFailClosedSecretStore, type FailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'
import type { Logger } from '#core/lib/logger'

/**
 * The browser host keeps API keys in the OS keychain, like the desktop app; with no keychain it keeps
 * them in memory for this run only and says so (R13).
 */
export function createHostSecretStore(logger: Logger): FailClosedSecretStore {
  return createFailClosedSecretStore({ primary: createKeytarSecretStore(), logger })
}
