import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CAUSE_TEXT } from '#contract/causes'
import type { SyncStatus } from '#contract/commands/sync'
import type { RunningEmulator } from '#emulator/index'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'
import { FAST_LIMITS, startSyncedDemo, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

let emulator: RunningEmulator
let core: TestCore
let connectionId: string

beforeEach(async () => {
  ;({ emulator, core, connectionId } = await startSyncedDemo())
})

afterEach(() => stopSyncedDemo({ emulator, core }))

async function status(): Promise<SyncStatus> {
  const found = expectOk(await core.invoke('sync/status', {})).find((s) => s.connectionId === connectionId)
  if (found === undefined) throw new Error('no status for the connection')
  return found
}

/** The app restarts on the same data with another secret store (memory-only keys are gone after a restart). */
async function restartWith(secrets: MemorySecretStore): Promise<void> {
  const { dataDir } = core
  await core.close()
  core = createTestCore({ dataDir, secrets, limits: FAST_LIMITS })
}

describe('sync state is the truth per connection (sync/status)', () => {
  it('carries the last successful sync and no failure after a sync that worked', async () => {
    const s = await status()
    expect(s.failure).toBeNull()
    expect(s.lastSuccessAt).not.toBeNull()
    expect(s.lastSuccessAt).toBe(s.lastFinishedAt)
  })

  it('names "no key" as the cause after a restart lost a memory-only key, keeping the last success time', async () => {
    const before = (await status()).lastSuccessAt
    await restartWith(new MemorySecretStore())
    const error = expectError(await core.invoke('sync/run', {}))
    expect(error.details?.cause).toBe('no-key')
    const s = await status()
    expect(s.failure).toMatchObject({ cause: 'no-key' })
    expect(s.lastSuccessAt).toBe(before)
    expect(s.lastFinishedAt).not.toBe(before)
    expect(CAUSE_TEXT[s.failure?.cause ?? 'internal']).toBe('No API key is stored for this connection.')
  })

  it('names "key refused" when Zilliz refuses the stored key, and clears the failure after the next good sync', async () => {
    const wrong = new MemorySecretStore()
    await wrong.set(connectionId, 'not-the-emulator-key-0000')
    await restartWith(wrong)
    expectError(await core.invoke('sync/run', {}))
    expect((await status()).failure).toMatchObject({ cause: 'key-refused' })
    expectOk(await core.invoke('connection/update-key', { id: connectionId, apiKey: emulator.apiKey }))
    expectOk(await core.invoke('sync/run', {}))
    expect((await status()).failure).toBeNull()
  })

  it('names "unreachable" when the API is gone, and the failure survives a restart', async () => {
    await emulator.close()
    expectError(await core.invoke('sync/run', {}))
    expect(await status()).toMatchObject({ isOffline: true, failure: { cause: 'unreachable' } })
    const secrets = new MemorySecretStore()
    await secrets.set(connectionId, emulator.apiKey)
    await restartWith(secrets)
    expect((await status()).failure).toMatchObject({ cause: 'unreachable' })
  })
})
