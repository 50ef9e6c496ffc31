// Child process for test/integration/secrets/no-bus-core.test.ts: the real core (bootCore, file logger,
// SQLite in BACKUP_DESK_DATA_DIR) with the desktop's fail-closed keytar store, started by the parent with
// no DBUS_SESSION_BUS_ADDRESS and no DISPLAY. A child is needed because libsecret keeps the first bus it
// connects to for the life of the process. The canary key arrives through the env and is never printed:
// stdout carries one JSON line of contract envelopes.
import { bootCore } from '#core/boot'
import { nullNotifier } from '#core/notify/notifier'
import { createFailClosedSecretStore } from '#core/secrets/fail-closed-secret-store'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'
import { startEmulator } from '#emulator/index'
import { keychainStatusOf } from '#core/secrets/os-secret-store'

// The package is CommonJS for tsx (no "type": "module"), so no top-level await.
async function main(): Promise<void> {
  const canary = process.env.SECRET_CANARY ?? ''
  const dataDir = process.env.BACKUP_DESK_DATA_DIR ?? ''
  if (canary === '' || dataDir === '') throw new Error('SECRET_CANARY and BACKUP_DESK_DATA_DIR are required')
  const emulator = await startEmulator({ apiKeys: [canary], seed: 'demo', clockMode: 'manual' })
  const secrets = createFailClosedSecretStore({ primary: createKeytarSecretStore() })
  const core = bootCore({
    runtime: 'browser',
    dataDir,
    version: '0.0.0-no-bus',
    secretStore: secrets,
    keychainStatus: () => keychainStatusOf(secrets),
    notifier: nullNotifier,
    timings: { syncOnStart: false, syncIntervalMs: 0, jobPollMs: 200 }
  })
  await core.start()
  const statusBefore = await core.invoke('keychain/status', {})
  const added = await core.invoke('connection/add', { name: 'No bus org', baseUrl: emulator.url, apiKey: canary })
  const statusAfter = await core.invoke('keychain/status', {})
  const sync = await core.invoke('sync/run', {})
  const clusters = await core.invoke('cluster/list', {})
  const connections = await core.invoke('connection/list', {})
  const expectedClusters = emulator.state().clusters.length
  await core.stop()
  await emulator.close()
  process.stdout.write(
    JSON.stringify({ statusBefore, added, statusAfter, sync, clusters, connections, expectedClusters }) + '\n'
  )
}

main().catch((error: unknown) => {
  // The message only: a stack or a cause could carry the key.
  process.stderr.write(`no-bus core child failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
