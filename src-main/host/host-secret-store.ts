import type { SecretStore } from '#core/secrets/secret-store'

/** The browser host keeps API keys in the OS keychain, like the desktop app. */
export function createHostSecretStore(): SecretStore {
  const memory = new Map<string, string>()
  return {
    get: (account) => Promise.resolve(memory.get(account) ?? null),
    set: (account, secret) => {
      memory.set(account, secret)
      return Promise.resolve()
    },
    delete: (account) => Promise.resolve(memory.delete(account))
  }
}
