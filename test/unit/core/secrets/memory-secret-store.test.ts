import { describe, expect, it } from 'vitest'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'

describe('MemorySecretStore', () => {
  it('reads a missing account as null, not as an error', async () => {
    await expect(new MemorySecretStore().get('conn-1')).resolves.toBeNull()
  })

  it('round-trips set, get and delete per account', async () => {
    const store = new MemorySecretStore()
    await store.set('conn-1', 'key-one')
    await store.set('conn-2', 'key-two')
    await store.set('conn-1', 'key-one-replaced')

    expect(await store.get('conn-1')).toBe('key-one-replaced')
    expect(await store.listAccounts()).toEqual(['conn-1', 'conn-2'])
    expect(await store.delete('conn-1')).toBe(true)
    expect(await store.delete('conn-1')).toBe(false)
    expect(await store.get('conn-1')).toBeNull()
    expect(await store.get('conn-2')).toBe('key-two')
  })

  it('refuses empty accounts and secrets with input/invalid, naming the field and not the value', async () => {
    const store = new MemorySecretStore()
    await expect(store.get('')).rejects.toMatchObject({ code: 'input/invalid', details: { field: 'account' } })
    await expect(store.set('conn-1', '')).rejects.toMatchObject({ code: 'input/invalid', details: { field: 'secret' } })
    const oversized = 'tok_CANARY_'.padEnd(5000, 'x')
    const error: unknown = await store.set('conn-1', oversized).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'input/invalid' })
    expect(JSON.stringify(error) + String(error)).not.toContain('tok_CANARY_')
  })
})
