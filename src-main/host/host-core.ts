/**
 * The browser host's core, loaded and composed once the host listens (docs/architecture.md, "Listen first, warm
 * later"): loading the core and its contract schemas and opening the database (creating it, in a fresh folder)
 * were most of a launch, and the first request, the page itself, needs none of them. `cli.ts` imports this
 * module dynamically, so none of it is loaded before the URL is printed.
 */
import { join } from 'node:path'
import { bootCore, type BootedCore } from '#core/boot'
import { createLogger, fileSink, type LogSink } from '#core/lib/logger'
import { nullNotifier } from '#core/notify/notifier'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'
import { createOsSecretStore, keychainStatusOf } from '#core/secrets/os-secret-store'
import { embeddedDemo } from '#emulator/embedded-demo'

export type HostCoreOptions = { dataDir: string; version: string; isDemo: boolean; logSink: LogSink }

export type HostCore = {
  core: BootedCore
  /** Starts the core's background work (watcher, start-up sync, search warm-up) and, in a real folder, the keychain probe. */
  start(): Promise<void>
  stop(): Promise<void>
}

export function bootHostCore(options: HostCoreOptions): HostCore {
  const { dataDir, isDemo } = options
  const osSecrets = createOsSecretStore(createLogger({ sink: fileSink(join(dataDir, 'secrets.log')) }))
  // The demo keeps its emulator key in memory, away from the real keychain.
  const secrets = isDemo ? new MemorySecretStore() : osSecrets
  const demo = embeddedDemo()
  // The keychain probe loads keytar and asks the Secret Service over D-Bus: it runs with the core's start, and
  // `keychain/status` waits for its answer.
  let probed: Promise<unknown> = Promise.resolve()
  const core = bootCore({
    runtime: 'browser',
    dataDir,
    version: options.version,
    secretStore: secrets,
    logSink: options.logSink,
    keychainStatus: async () => {
      await probed
      return keychainStatusOf(osSecrets, isDemo)
    },
    notifier: nullNotifier,
    startDemo: () => demo.start()
  })
  return {
    core,
    async start() {
      if (!isDemo) probed = osSecrets.probe()
      await core.start()
    },
    async stop() {
      await core.stop()
      await demo.close()
    }
  }
}
