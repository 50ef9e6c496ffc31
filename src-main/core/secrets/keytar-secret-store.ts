import { isCoreError } from '#contract/errors'
import type { SecretStore } from './secret-store.ts'
import { assertAccount, assertSecret } from './secret-input.ts'
import { keychainTimeout, keychainUnavailable } from './keychain-errors.ts'

/** The part of keytar's API this store uses; tests pass fakes with the same shape. */
export type KeytarLike = {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<{ account: string; password: string }[]>
}

type KeytarSecretStoreOptions = {
  /** Upper bound for every keychain call (docs/reliability.md#r13). Default 2000 ms. */
  timeoutMs?: number
  /** Keychain service name; every entry is `service` + account = connection id (docs/reliability.md#r14). */
  service?: string
  loadKeytar?: () => Promise<KeytarLike>
}

type KeytarSecretStore = SecretStore & {
  /** Accounts under the service, sorted; passwords are dropped here. For tests and diagnostics. */
  listAccounts(): Promise<string[]>
}

const KEYCHAIN_SERVICE = 'backup-desk'
const KEYCHAIN_TIMEOUT_MS = 2000

/**
 * keytar is loaded on first use, not at import: its native module links libsecret, and a machine
 * without libsecret must still start the app (the fail-closed store then keeps keys in memory).
 */
async function importKeytar(): Promise<KeytarLike> {
  const loaded: KeytarLike & { default?: KeytarLike } = await import('keytar')
  // keytar is CommonJS: depending on the loader its functions sit on the namespace or on `default`.
  return loaded.default ?? loaded
}

/** The SecretStore on the OS keychain through keytar; the only importer of `keytar` (lint). */
export function createKeytarSecretStore(options: KeytarSecretStoreOptions = {}): KeytarSecretStore {
  const timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS
  const service = options.service ?? KEYCHAIN_SERVICE
  const load = options.loadKeytar ?? importKeytar
  let keytar: Promise<KeytarLike> | undefined

  // Loading is inside the timeout too: a hung dlopen or D-Bus handshake must not hang the caller.
  const call = <T>(use: (api: KeytarLike) => Promise<T>, secret?: string): Promise<T> => {
    keytar ??= Promise.resolve().then(load)
    const work = keytar.then(use)
    return withTimeout(work, timeoutMs).catch((error: unknown) => {
      throw isCoreError(error) ? error : keychainUnavailable(error, secret)
    })
  }

  return {
    async get(account) {
      assertAccount(account)
      return call((api) => api.getPassword(service, account))
    },
    async set(account, secret) {
      assertAccount(account)
      assertSecret(secret)
      await call((api) => api.setPassword(service, account, secret), secret)
    },
    async delete(account) {
      assertAccount(account)
      return call((api) => api.deletePassword(service, account))
    },
    async listAccounts() {
      const found = await call((api) => api.findCredentials(service))
      return found.map((credential) => credential.account).sort()
    }
  }
}

/**
 * Rejects with `secret/unavailable` after `timeoutMs`. The underlying call cannot be cancelled
 * (keytar has no abort): its late result is ignored and a late rejection is absorbed by the race.
 * A hung `setPassword` that completes later leaves the key in the keychain, encrypted.
 */
function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(keychainTimeout(timeoutMs))
    }, timeoutMs)
  })
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer)
  })
}
