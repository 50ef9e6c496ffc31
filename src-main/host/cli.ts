import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isCoreError } from '#contract/errors'
import { bootCore } from '#core/boot'
import { resolveDataDir } from '#core/lib/data-dir'
import { nullNotifier } from '#core/notify/notifier'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'
import { createOsSecretStore, keychainStatusOf } from '#core/secrets/os-secret-store'
import { embeddedDemo } from '#emulator/embedded-demo'
import { startHttpHost } from './http-host.ts'
import { createLogger, fileSink } from '#core/lib/logger'

const ROOT = resolve(import.meta.dirname, '../..')

/** `npm run web -- [--port N] [--token T] [--data-dir DIR] [--demo]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false }
    },
    strict: true
  })
  const rendererDir = join(ROOT, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) fail('The renderer is not built yet: run `npm run build` first (npm run web does it for you).')
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number between 0 and 65535, not "${values.port ?? ''}".`)
  const token = values.token ?? randomBytes(24).toString('base64url')
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
  const isDemo = values.demo
  // The demo uses a throwaway data folder and keeps its emulator key in memory, away from the real keychain.
  const dataDir = isDemo && values['data-dir'] === undefined ? mkdtempSync(join(tmpdir(), 'backup-desk-demo-')) : resolveDataDir(values['data-dir'])
  const secretLogger = createLogger({ sink: fileSink(join(dataDir, 'secrets.log')) })
  const osSecrets = createOsSecretStore(secretLogger)
  const secrets = isDemo ? new MemorySecretStore() : osSecrets
  const demo = embeddedDemo()
  // Listen first, warm later (docs/architecture.md, "Listen first, warm later"): the keychain probe (it loads keytar and asks
  // the Secret Service over D-Bus) runs once the URL is out, and `keychain/status` waits for its answer.
  let probed: Promise<unknown> = Promise.resolve()
  const core = bootCore({
    runtime: 'browser',
    dataDir,
    version,
    secretStore: secrets,
    keychainStatus: async () => {
      await probed
      return isDemo ? { mode: 'keychain' } : keychainStatusOf(osSecrets)
    },
    notifier: nullNotifier,
    startDemo: () => demo.start()
  })
  const host = await startHttpHost({ invoke: core.invoke, events: core.events, rendererDir, token, port, logger: core.logger })
  const shutdown = (): void => {
    void host
      .close()
      .then(() => core.stop())
      .then(() => demo.close())
      .finally(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
  if (isDemo) {
    await core.start()
    const started = await core.invoke('demo/start', {})
    if (!started.ok) fail(`The demo organization could not start: ${started.error.message}`)
  }
  process.stdout.write(`Backup Desk is running at ${host.url}/?token=${token}${isDemo ? ' (demo organization)' : ''}\n`)
  if (!isDemo) {
    probed = osSecrets.probe()
    await core.start()
  }
}

function fail(message: string): never {
  process.stderr.write(message + '\n')
  process.exit(2)
}

main().catch((error: unknown) => {
  fail(`Backup Desk could not start: ${isCoreError(error) || error instanceof Error ? error.message : String(error)}`)
})
