import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { resolveDataDir } from '#core/lib/data-dir'
import { createLogger, fileSink } from '#core/lib/logger'
import type { HostCore } from './host-core.ts'
import { deferredCore } from './deferred-core.ts'
import { HOST_USAGE, parseHostArgs } from './host-options.ts'
import { startHttpHost } from './http-host.ts'
import { firstPaintModulePath, firstPaintPages } from '#core/security/first-paint-page'
import { builtRendererRoot } from '#core/security/renderer-files'

const ROOT = resolve(import.meta.dirname, '../..')

/** `npm run web -- [--port N] [--token T] [--data-dir DIR] [--demo]` (host-options.ts) */
async function main(): Promise<void> {
  const command = parseHostArgs(process.argv.slice(2))
  if (command.kind === 'help') {
    process.stdout.write(HOST_USAGE)
    return
  }
  if (command.kind === 'error') fail(command.message)
  const { port, demo: isDemo } = command.options
  const rendererDir = builtRendererRoot(ROOT)
  if (!existsSync(join(rendererDir, 'index.html'))) fail('The renderer is not built yet: run `npm run build` first (npm run web does it for you).')
  const token = command.options.token ?? randomBytes(24).toString('base64url')
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
  // The demo uses a throwaway data folder.
  const dataDir = isDemo && command.options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'backup-desk-demo-')) : resolveDataDir(command.options.dataDir)
  mkdirSync(join(dataDir, 'logs'), { recursive: true })
  const logSink = fileSink(join(dataDir, 'logs', 'backup-desk.log'))

  // Listen first, warm later (docs/architecture.md): requests that need the core wait for it; the page does not.
  let coreReady: (hostCore: HostCore) => void = () => undefined
  const booted = new Promise<HostCore>((resolveCore) => (coreReady = resolveCore))
  const { invoke, events } = deferredCore(booted.then((hostCore) => hostCore.core))
  const logger = createLogger({ sink: logSink })
  const firstPaint = firstPaintPages({ modulePath: firstPaintModulePath(ROOT), invoke, logger })
  const host = await startHttpHost({ invoke, events, rendererDir, token, port, logger, firstPaint })
  const shutdown = (): void => {
    void host
      .close()
      .then(() => booted)
      .then((hostCore) => hostCore.stop())
      .finally(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
  const url = `${host.url}/?token=${token}`
  if (!isDemo) process.stdout.write(`Backup Desk is running at ${url}\n`)
  const { bootHostCore } = await import('./host-core.ts')
  const hostCore = bootHostCore({ dataDir, version, isDemo, logSink })
  coreReady(hostCore)
  await hostCore.start()
  if (isDemo) {
    const started = await hostCore.core.invoke('demo/start', {})
    if (!started.ok) fail(`The demo organization could not start: ${started.error.message}`)
    process.stdout.write(`Backup Desk is running at ${url} (demo organization)\n`)
  }
}

function fail(message: string): never {
  process.stderr.write(message + '\n')
  process.exit(2)
}

main().catch((error: unknown) => {
  fail(`Backup Desk could not start: ${error instanceof Error ? error.message : String(error)}`)
})
