import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createCore, type Core } from './create-core.ts'
import { systemClock, type Clock } from './lib/clock.ts'
import { createLogger, fileSink, type Logger, type LogSink } from './lib/logger.ts'
import type { SecretStore } from './secrets/secret-store.ts'
import type { Notifier } from './notify/notifier.ts'

export type BootOptions = {
  runtime: 'electron' | 'browser'
  dataDir: string
  version: string
  secretStore: SecretStore
  notifier: Notifier
  clock?: Clock
  /** Defaults to `<dataDir>/logs/backup-desk.log`. */
  logSink?: LogSink
}

export type BootedCore = Core & { logger: Logger }

/**
 * Opens the data directory and composes the core the same way for every host
 * (Electron main, the browser host, the demo launcher). Call `start()` on the result.
 */
export function bootCore(options: BootOptions): BootedCore {
  mkdirSync(options.dataDir, { recursive: true })
  const logDir = join(options.dataDir, 'logs')
  mkdirSync(logDir, { recursive: true })
  const clock = options.clock ?? systemClock
  const logger = createLogger({
    sink: options.logSink ?? fileSink(join(logDir, 'backup-desk.log')),
    now: () => clock.now()
  })
  const core = createCore({
    version: options.version,
    runtime: options.runtime,
    dataDir: options.dataDir,
    clock,
    logger
  })
  return { ...core, logger }
}
