import type { KeychainStatus } from '#contract/models/connection'
import { createZillizClient } from './api/zilliz-client.ts'
import { createCore, type Core, type CoreTimings } from './create-core.ts'
import { systemClock, type Clock } from './lib/clock.ts'
import type { Logger, LogSink } from './lib/logger.ts'
import type { DemoOrganization } from './connections/demo-connection.ts'
import type { OpenFileDialog, SaveFileDialog } from './handlers/file.handlers.ts'
import type { SavePdfDialog } from './handlers/report.handlers.ts'
import type { Notifier } from './notify/notifier.ts'
import { NodeScheduleScheduler } from './schedule/node-schedule-scheduler.ts'
import type { SecretStore } from './secrets/secret-store.ts'
import { backupIfDue, defaultBackupDir } from './store/backup-copies.ts'
import type { Recovery } from './store/database.ts'
import { openStore } from './open-store.ts'

export type BootOptions = {
  runtime: 'electron' | 'browser'
  dataDir: string
  version: string
  secretStore: SecretStore
  keychainStatus?: () => KeychainStatus | Promise<KeychainStatus>
  notifier: Notifier
  clock?: Clock
  timings?: CoreTimings
  /** Defaults to `<dataDir>/logs/backup-desk.log`. */
  logSink?: LogSink
  startDemo?: () => Promise<DemoOrganization>
  /** The platform's save dialog, for `file/save` (Electron only). */
  saveFile?: SaveFileDialog
  /** The platform's open dialog, for `file/open` (Electron only). */
  openFile?: OpenFileDialog
  /** Prints the compliance report to a PDF and saves it, for `report/compliance-pdf` (Electron only). */
  savePdf?: SavePdfDialog
}

export type BootedCore = Core & {
  logger: Logger
  /** Non-null when the database was damaged and restored from a verified copy at start. */
  recovered: Recovery | null
}

/**
 * Opens the data directory and the database and composes the core the same way for every host
 * (Electron main, the browser host, the demo launcher). Call `start()` on the result.
 */
export function bootCore(options: BootOptions): BootedCore {
  const clock = options.clock ?? systemClock
  const { db, logger, recovered } = openStore({ dataDir: options.dataDir, clock, ...(options.logSink === undefined ? {} : { logSink: options.logSink }) })
  const scheduler = new NodeScheduleScheduler()
  const core = createCore({
    version: options.version,
    runtime: options.runtime,
    dataDir: options.dataDir,
    clock,
    logger,
    db,
    secrets: options.secretStore,
    ...(options.keychainStatus === undefined ? {} : { keychainStatus: options.keychainStatus }),
    createApiClient: ({ baseUrl, apiKey }) => createZillizClient({ baseUrl, apiKey, clock, logger }),
    scheduler,
    notifier: options.notifier,
    ...(options.timings === undefined ? {} : { timings: options.timings }),
    ...(options.startDemo === undefined ? {} : { startDemo: options.startDemo }),
    ...(options.saveFile === undefined ? {} : { saveFile: options.saveFile }),
    ...(options.openFile === undefined ? {} : { openFile: options.openFile }),
    ...(options.savePdf === undefined ? {} : { savePdf: options.savePdf })
  })
  return {
    ...core,
    logger,
    recovered,
    start: async () => {
      await core.start()
      void backupIfDue(db, defaultBackupDir(db.path)).catch((error: unknown) => logger.warn('database backup failed', { error: String(error) }))
    },
    stop: async () => {
      await core.stop()
      scheduler.stop()
      db.close()
    }
  }
}
