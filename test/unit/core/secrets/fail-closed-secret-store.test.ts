import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CoreError } from '#contract/errors'
import { createLogger } from '#core/lib/logger'
import type { SecretStoreStatus } from '#core/secrets/fail-closed-secret-store'
import { MEMORY_ONLY_WARNING, PROBE_ACCOUNT, createFailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'
import type { SecretStore } from '#core/secrets/secret-store'
import { FakeKeytar, KEYTAR_MESSAGES } from '../../../fakes/secrets-fake-keytar.ts'

const CANARY = 'tok_CANARY_fail_closed_7f3a'

function makeStore(fake = new FakeKeytar()) {
  const logLines: string[] = []
  const primary = createKeytarSecretStore({ loadKeytar: () => Promise.resolve(fake) })
  const store = createFailClosedSecretStore({ primary, logger: createLogger({ sink: (line) => logLines.push(line) }) })
  const changes: SecretStoreStatus[] = []
  store.onStatusChange((status) => changes.push(status))
  return { store, fake, logLines, changes }
}

describe('the fail-closed secret store', () => {
  it('uses the keychain while it works', async () => {
    const { store, fake, changes } = makeStore()
    expect(await store.probe()).toEqual({ mode: 'keychain' })
    await store.set('conn-a', CANARY)

    expect(await store.get('conn-a')).toBe(CANARY)
    expect(fake.entries.get('backup-desk\nconn-a')).toBe(CANARY)
    expect(await store.delete('conn-a')).toBe(true)
    expect(store.status()).toEqual({ mode: 'keychain' })
    expect(changes).toEqual([])
  })

  it('probes with a harmless read of the reserved probe account', async () => {
    const { store, fake } = makeStore()
    await store.probe()
    expect(fake.calls).toEqual([{ method: 'getPassword', service: 'backup-desk', account: PROBE_ACCOUNT }])
  })

  it('switches to memory-only with a warning when the probe finds no session bus', async () => {
    const fake = new FakeKeytar()
    fake.behaviour = { rejectWith: KEYTAR_MESSAGES.noBus }
    const { store, changes, logLines } = makeStore(fake)
    const expected = { mode: 'memory-only', reason: 'No system keychain is reachable (no D-Bus session).', warning: MEMORY_ONLY_WARNING }

    expect(await store.probe()).toEqual(expected)
    expect(store.status()).toEqual(expected)
    expect(changes).toEqual([expected])
    expect(logLines.join('\n')).toContain('memory-only')
  })

  it('keeps a key whose keychain write failed in memory only, and never sends later keys to the keychain', async () => {
    const fake = new FakeKeytar()
    fake.behaviour = { rejectWith: KEYTAR_MESSAGES.noLoginCollection }
    const { store, changes } = makeStore(fake)

    await store.set('conn-a', 'first-key')
    expect(store.status()).toMatchObject({ mode: 'memory-only', reason: 'The system keychain is locked.' })
    // The keychain recovers mid-run: memory-only mode is final and nothing is migrated to it.
    fake.behaviour = 'works'
    const callsBefore = fake.calls.length
    await store.set('conn-b', CANARY)

    expect(await store.get('conn-a')).toBe('first-key')
    expect(await store.get('conn-b')).toBe(CANARY)
    expect(await store.delete('conn-a')).toBe(true)
    expect(await store.get('conn-a')).toBeNull()
    expect(await store.probe()).toMatchObject({ mode: 'memory-only' })
    expect(fake.calls.length).toBe(callsBefore)
    expect(fake.entries.size).toBe(0)
    expect(changes).toHaveLength(1)
  })

  it('answers a failed read from memory (null) instead of failing the caller', async () => {
    const fake = new FakeKeytar()
    fake.behaviour = { rejectWith: KEYTAR_MESSAGES.locked }
    const { store } = makeStore(fake)
    await expect(store.get('conn-a')).resolves.toBeNull()
    expect(store.status().mode).toBe('memory-only')
  })

  it('passes other errors through without switching mode', async () => {
    const { store, changes } = makeStore()
    await expect(store.set('', CANARY)).rejects.toMatchObject({ code: 'input/invalid' })
    expect(store.status()).toEqual({ mode: 'keychain' })
    expect(changes).toEqual([])
  })

  it('treats a primary that breaks the port contract (a plain Error) as unavailable', async () => {
    const primary: SecretStore = {
      get: () => Promise.reject(new Error('boom')),
      set: () => Promise.reject(new Error('boom')),
      delete: () => Promise.reject(new Error('boom'))
    }
    const store = createFailClosedSecretStore({ primary })
    await store.set('conn-a', CANARY)
    expect(store.status()).toMatchObject({ mode: 'memory-only', reason: 'The system keychain failed unexpectedly.' })
    expect(await store.get('conn-a')).toBe(CANARY)
  })

  it('keeps notifying when one status listener throws, and honours unsubscribe', async () => {
    const store = createFailClosedSecretStore({ primary: failingPrimary() })
    const seen: string[] = []
    store.onStatusChange(() => {
      throw new Error('window closed')
    })
    const unsubscribe = store.onStatusChange(() => seen.push('removed'))
    store.onStatusChange((status) => seen.push(status.mode))
    unsubscribe()
    await store.probe()
    expect(seen).toEqual(['memory-only'])
  })

  describe('with a keychain that never answers (fake timers)', () => {
    beforeEach(() => {
      vi.useFakeTimers()
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('times out within 2 s, switches to memory-only with the warning, and keeps the key in memory only', async () => {
      const fake = new FakeKeytar()
      fake.behaviour = 'hangs'
      const { store, changes, logLines } = makeStore(fake)

      const pending = store.set('conn-a', CANARY)
      await vi.advanceTimersByTimeAsync(2000)
      await expect(pending).resolves.toBeUndefined()

      const expected = { mode: 'memory-only', reason: 'The system keychain did not answer within 2 s.', warning: MEMORY_ONLY_WARNING }
      expect(store.status()).toEqual(expected)
      expect(changes).toEqual([expected])
      // Later calls answer at once from memory: no further keychain call, no further timeout.
      expect(await store.get('conn-a')).toBe(CANARY)
      expect(fake.calls).toHaveLength(1)
      expect(logLines.join('\n')).not.toContain(CANARY)
      expect(JSON.stringify(changes)).not.toContain(CANARY)
    })
  })
})

describe('the secrets module', () => {
  // Structural half of "nothing is written to disk": only the port's own files exist here, and none of
  // them can reach the file system or the database. The no-bus child test checks the real disk.
  it('imports no file-system, database or network module', async () => {
    const dir = join(import.meta.dirname, '../../../../src-main/core/secrets')
    const files = (await readdir(dir)).filter((name) => name.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(0)
    for (const name of files) {
      const source = await readFile(join(dir, name), 'utf8')
      expect(source, name).not.toMatch(/from '(node:)?(fs|fs\/promises|child_process|net|http|https)'|better-sqlite3|\/store\//)
    }
  })
})

function failingPrimary(): SecretStore {
  const unavailable = () => Promise.reject(new CoreError('secret/unavailable', 'The system keychain is locked.'))
  const memory = new MemorySecretStore()
  return { get: unavailable, set: unavailable, delete: (account) => memory.delete(account) }
}
