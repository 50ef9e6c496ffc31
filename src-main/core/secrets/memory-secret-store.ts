import type { SecretStore } from './secret-store.ts'
import { assertAccount, assertSecret } from './secret-input.ts'

/**
 * Keeps secrets in this process only: for tests, and as the fail-closed store's memory-only mode.
 * Same semantics as the keychain store: missing entries read as `null`, `delete` reports whether
 * something was removed, bad arguments are `input/invalid`.
 */
export class MemorySecretStore implements SecretStore {
  private readonly entries = new Map<string, string>()

  get(account: string): Promise<string | null> {
    return run(() => {
      assertAccount(account)
      return this.entries.get(account) ?? null
    })
  }

  set(account: string, secret: string): Promise<void> {
    return run(() => {
      assertAccount(account)
      assertSecret(secret)
      this.entries.set(account, secret)
    })
  }

  delete(account: string): Promise<boolean> {
    return run(() => {
      assertAccount(account)
      return this.entries.delete(account)
    })
  }

  /** Accounts only, sorted: the values never leave through a listing. */
  listAccounts(): Promise<string[]> {
    return Promise.resolve([...this.entries.keys()].sort())
  }
}

/** A synchronous throw becomes a rejection: callers see one failure path, as with async stores. */
function run<T>(body: () => T): Promise<T> {
  try {
    return Promise.resolve(body())
  } catch (error: unknown) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}
