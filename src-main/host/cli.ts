import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { bootCore } from '#core/boot'
import { resolveDataDir } from '#core/lib/data-dir'
import { nullNotifier } from '#core/notify/notifier'
import { createHostSecretStore } from './host-secret-store.ts'
import { startHttpHost } from './http-host.ts'

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
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write('The renderer is not built yet: run `npm run build` first (npm run web does it for you).\n')
    process.exit(1)
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a number between 0 and 65535, not "${values.port ?? ''}".\n`)
    process.exit(2)
  }
  const token = values.token ?? randomBytes(24).toString('base64url')
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
  const core = bootCore({
    runtime: 'browser',
    dataDir: resolveDataDir(values['data-dir']),
    version,
    secretStore: createHostSecretStore(),
    notifier: nullNotifier
  })
  await core.start()
  const host = await startHttpHost({ invoke: core.invoke, events: core.events, rendererDir, token, port, logger: core.logger })
  process.stdout.write(`Backup Desk is running at ${host.url}/?token=${token}\n`)

  const shutdown = (): void => {
    void host
      .close()
      .then(() => core.stop())
      .finally(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

await main()
