import { access } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'
import { filesContaining, makeCanary } from '../fakes/secrets-child-process.ts'
import { hasCommand, keyringSkipReason, keyringSuiteTitle, secretToolAccounts } from './keyring-env.ts'

const skipReason = keyringSkipReason()
const isSecretToolInstalled = hasCommand('secret-tool')

describe.skipIf(skipReason !== undefined)(keyringSuiteTitle('keytar on a real Secret Service', skipReason), () => {
  const store = createKeytarSecretStore()

  afterEach(async () => {
    for (const account of await store.listAccounts()) await store.delete(account)
  })

  it('round-trips set, get and delete under service backup-desk', async () => {
    expect(await store.get('conn-round-trip')).toBeNull()
    await store.set('conn-round-trip', 'key-1')
    expect(await store.get('conn-round-trip')).toBe('key-1')
    await store.set('conn-round-trip', 'key-2')
    expect(await store.get('conn-round-trip')).toBe('key-2')

    expect(await store.delete('conn-round-trip')).toBe(true)
    expect(await store.get('conn-round-trip')).toBeNull()
    expect(await store.delete('conn-round-trip')).toBe(false)
  })

  it('lists exactly the connection ids as accounts, and removing one leaves the other intact', async () => {
    await store.set('conn-alpha', 'key-alpha')
    await store.set('conn-beta', 'key-beta')
    expect(await store.listAccounts()).toEqual(['conn-alpha', 'conn-beta'])
    if (isSecretToolInstalled) expect(secretToolAccounts('backup-desk')).toEqual(['conn-alpha', 'conn-beta'])

    expect(await store.delete('conn-alpha')).toBe(true)
    expect(await store.get('conn-alpha')).toBeNull()
    expect(await store.get('conn-beta')).toBe('key-beta')
    expect(await store.listAccounts()).toEqual(['conn-beta'])
    if (isSecretToolInstalled) expect(secretToolAccounts('backup-desk')).toEqual(['conn-beta'])
  })

  it('never writes the key in plain text to any file of the keyring data dir', async () => {
    const canary = makeCanary()
    await store.set('conn-canary', canary)
    expect(await store.get('conn-canary')).toBe(canary)

    const dataHome = process.env.XDG_DATA_HOME ?? ''
    // The keyring did persist something (encrypted): the scan covers the place a leak would land.
    await access(join(dataHome, 'keyrings', 'login.keyring'))
    expect(await filesContaining(dirname(dataHome), canary)).toEqual([])
  })

  it('stays in keychain mode behind the fail-closed store while the keychain works', async () => {
    const failClosed = createFailClosedSecretStore({ primary: store })
    expect(await failClosed.probe()).toEqual({ mode: 'keychain' })
    await failClosed.set('conn-wrapped', 'key-wrapped')
    expect(await store.get('conn-wrapped')).toBe('key-wrapped')
    expect(failClosed.status()).toEqual({ mode: 'keychain' })
  })
})
