import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from './lib/clock.ts'
import { createLogger, fileSink, type Logger, type LogSink } from './lib/logger.ts'
import { openDatabase, type Recovery, type StoreDatabase } from './store/database.ts'

type StoreOptions = {
  dataDir: string
  clock: Clock
  /** Defaults to `<dataDir>/logs/backup-desk.log`. */
  logSink?: LogSink
}

export type OpenedStore = {
  db: StoreDatabase
  logger: Logger
  /** Non-null when the database was damaged and restored from a verified copy at start. */
  recovered: Recovery | null
}

/**
 * The data directory, its log and its database, opened (checked, migrated, recovered) the one way every host does:
 * bootCore composes the whole core on it, and `backup-desk plan` only the plan engine's builder (it sends nothing).
 */
export function openStore(options: StoreOptions): OpenedStore {
  mkdirSync(options.dataDir, { recursive: true })
  const logDir = join(options.dataDir, 'logs')
  mkdirSync(logDir, { recursive: true })
  const logger = createLogger({
    sink: options.logSink ?? fileSink(join(logDir, 'backup-desk.log')),
    now: () => options.clock.now()
  })
  const { db, recovered } = openDatabase(join(options.dataDir, 'backup-desk.db'))
  if (recovered !== null) logger.warn('database recovered', { quarantined: recovered.quarantinedPath })
  return { db, logger, recovered }
}
