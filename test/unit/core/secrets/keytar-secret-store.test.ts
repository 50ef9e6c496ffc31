import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isCoreError } from '#contract/errors'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'
import { FakeKeytar, KEYTAR_MESSAGES } from '../../../fakes/secrets-fake-keytar.ts'

function makeStore(fake: FakeKeytar, timeoutMs?: number) {
  const loadKeytar = vi.fn(() => Promise.resolve(fake))
  const store = createKeytarSecretStore(timeoutMs === undefined ? { loadKeytar } : { loadKeytar, timeoutMs })
  return { store, loadKeytar }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error
  )
}

describe('the keytar secret store', () => {
  it('stores under service backup-desk with the connection id as account', async () => {
    const fake = new FakeKeytar()
    const { store } = makeStore(fake)
    await store.set('conn-a', 'key-a')
    await store.set('conn-b', 'key-b')

    expect(await store.get('conn-a')).toBe('key-a')
    expect(await store.listAccounts()).toEqual(['conn-a', 'conn-b'])
    expect(await store.delete('conn-a')).toBe(true)
    expect(await store.get('conn-a')).toBeNull()
    expect(await store.delete('conn-a')).toBe(false)
    expect(new Set(fake.calls.map((call) => call.service))).toEqual(new Set(['backup-desk']))
  })

  it('loads keytar lazily, on the first call only', async () => {
    const { store, loadKeytar } = makeStore(new FakeKeytar())
    expect(loadKeytar).not.toHaveBeenCalled()
    await store.get('conn-a')
    await store.get('conn-b')
    expect(loadKeytar).toHaveBeenCalledTimes(1)
  })

  it.each([
    [KEYTAR_MESSAGES.noBus, 'No system keychain is reachable (no D-Bus session).'],
    [KEYTAR_MESSAGES.locked, 'The system keychain is locked.'],
    [KEYTAR_MESSAGES.noLoginCollection, 'The system keychain is locked.'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'No system keychain service is running on this desktop session.'],
    ['libsecret-1.so.0: cannot open shared object file: No such file or directory', 'The system keychain library (libsecret) could not be loaded.'],
    ['something new went wrong', 'The system keychain refused the request.']
  ])('maps keytar "%s" to secret/unavailable "%s"', async (raw, message) => {
    const fake = new FakeKeytar()
    fake.behaviour = { rejectWith: raw }
    const { store } = makeStore(fake)
    await expect(store.get('conn-a')).rejects.toMatchObject({ name: 'CoreError', code: 'secret/unavailable', message })
  })

  it('reports a keytar module that fails to load as secret/unavailable', async () => {
    const store = createKeytarSecretStore({
      loadKeytar: () => Promise.reject(new Error("Cannot find module 'keytar'"))
    })
    await expect(store.set('conn-a', 'key')).rejects.toMatchObject({
      code: 'secret/unavailable',
      message: 'The system keychain library (libsecret) could not be loaded.'
    })
  })

  it('never puts the secret in the error, even when keytar echoes it', async () => {
    const secret = 'tok_CANARY_echoed'
    const fake = new FakeKeytar()
    fake.behaviour = { rejectWith: `refused to store ${secret}` }
    const error = await rejection(makeStore(fake).store.set('conn-a', secret))

    expect(isCoreError(error)).toBe(true)
    const coreError = error as Error
    expect(coreError.message).not.toContain(secret)
    expect(String(coreError.stack)).not.toContain(secret)
    expect(JSON.stringify(error)).not.toContain(secret)
    expect(coreError.cause).toBeUndefined()
  })

  it('refuses bad arguments with input/invalid without calling keytar', async () => {
    const fake = new FakeKeytar()
    const { store, loadKeytar } = makeStore(fake)
    await expect(store.set('', 'key')).rejects.toMatchObject({ code: 'input/invalid' })
    await expect(store.set('conn-a', '')).rejects.toMatchObject({ code: 'input/invalid' })
    expect(loadKeytar).not.toHaveBeenCalled()
  })

  describe('with a keychain that never answers', () => {
    beforeEach(() => {
      vi.useFakeTimers()
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('rejects every call with secret/unavailable after 2 s, not before', async () => {
      const fake = new FakeKeytar()
      fake.behaviour = 'hangs'
      const { store } = makeStore(fake)
      const calls = [store.get('conn-a'), store.set('conn-a', 'key'), store.delete('conn-a'), store.listAccounts()]
      const settled = Promise.allSettled(calls)
      let isSettled = false
      void settled.then(() => (isSettled = true))

      await vi.advanceTimersByTimeAsync(1999)
      expect(isSettled).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      const results = await settled
      for (const result of results) {
        expect(result).toMatchObject({
          status: 'rejected',
          reason: { code: 'secret/unavailable', message: 'The system keychain did not answer within 2 s.' }
        })
      }
    })

    it('bounds a hung keytar load by the same timeout', async () => {
      const store = createKeytarSecretStore({ loadKeytar: () => new Promise(() => undefined), timeoutMs: 500 })
      const pending = rejection(store.get('conn-a'))
      await vi.advanceTimersByTimeAsync(500)
      expect(await pending).toMatchObject({ code: 'secret/unavailable', message: 'The system keychain did not answer within 0.5 s.' })
    })

    it('leaves no timer behind once a call has answered', async () => {
      const { store } = makeStore(new FakeKeytar())
      await store.get('conn-a')
      expect(vi.getTimerCount()).toBe(0)
    })
  })
})
