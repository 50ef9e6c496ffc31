import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from '#contract/models/cluster'
import type { Connection, KeychainStatus } from '#contract/models/connection'
import { MEMORY_ONLY_WARNING } from '#core/secrets/fail-closed-secret-store'
import { KEYCHAIN_ENABLE_COMMAND } from '#core/secrets/keychain-errors'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { startHostProcess, type HostProcess } from '../../../scripts/host-process.ts'

// README, "Install": keytar is optional; where `npm install` could not build it, the app runs with keys in
// memory and names the command that enables the keychain. The real browser host in a child process whose
// module resolver cannot find keytar (test/fakes/without-keytar.mjs), driven over HTTP like any program.
describe('the browser host without the keychain module', () => {
  let emulator: RunningEmulator
  let host: HostProcess

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo', clockMode: 'manual' })
    host = await startHostProcess({
      port: 0,
      token: 'no-keytar-token',
      dataDirPrefix: 'backup-desk-no-keytar-',
      fromSource: true,
      nodeArgs: ['--import', join(import.meta.dirname, '../../fakes/without-keytar.mjs')]
    })
  }, 60_000)

  afterAll(async () => {
    host.child.kill('SIGTERM')
    await emulator.close()
  })

  it('starts in memory-only mode and names the one command that enables the keychain', async () => {
    const status = (await host.rpc('keychain/status', {})) as KeychainStatus
    expect(status).toEqual({ mode: 'memory-only', reason: MEMORY_ONLY_WARNING, enableCommand: KEYCHAIN_ENABLE_COMMAND })
    expect(KEYCHAIN_ENABLE_COMMAND).toBe('sudo apt-get install -y libsecret-1-dev && npm rebuild keytar')
  })

  it('adds a connection, syncs and lists the fleet with the key kept in memory', async () => {
    const connection = (await host.rpc('connection/add', { name: 'No keytar org', baseUrl: emulator.url, apiKey: emulator.apiKey })) as Connection
    expect(connection).toMatchObject({ hasToken: true, tokenHint: `••••${emulator.apiKey.slice(-4)}` })
    await host.rpc('sync/run', {})
    const clusters = (await host.rpc('cluster/list', {})) as Cluster[]
    expect(clusters).toHaveLength(emulator.state().clusters.length)
  }, 30_000)
})
