import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Notification } from '#contract/models/notification'
import type { ApiLimits } from '#core/api/limits'
import { createZillizClient } from '#core/api/zilliz-client'
import { createCore, type Core, type CoreTimings } from '#core/create-core'
import type { SavePdfDialog } from '#core/handlers/report.handlers'
import { systemClock, type Clock } from '#core/lib/clock'
import { createLogger, type Logger } from '#core/lib/logger'
import type { Notifier, WatchSummary } from '#core/notify/notifier'
import { ManualScheduler } from '#core/schedule/manual-scheduler'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'
import type { SecretStore } from '#core/secrets/secret-store'
import { openDatabase, type StoreDatabase } from '#core/store/database'

/** A Notifier that remembers what it was asked to show. */
export class RecordingNotifier implements Notifier {
  readonly shown: Notification[] = []
  summary: WatchSummary | null = null

  show(notification: Notification): void {
    this.shown.push(notification)
  }

  setSummary(summary: WatchSummary): void {
    this.summary = summary
  }
}

export type TestCore = Core & {
  db: StoreDatabase
  dataDir: string
  secrets: SecretStore
  scheduler: ManualScheduler
  notifier: RecordingNotifier
  close(): Promise<void>
}

/**
 * The real core on a real temp-file SQLite database, with the real API client; only the clock,
 * the scheduler (manual), the notifier (recording) and the secret store (memory) are test doubles.
 */
export function createTestCore(options: {
  dataDir?: string
  clock?: Clock
  logger?: Logger
  secrets?: SecretStore
  timings?: CoreTimings
  /** Client tunables (short deadlines, fast backoff) passed to every API client the core builds. */
  limits?: Partial<ApiLimits>
  /** The desktop app's PDF printer (Electron main); absent = the browser host. */
  savePdf?: SavePdfDialog
} = {}): TestCore {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'backup-desk-core-'))
  const { db } = openDatabase(join(dataDir, 'backup-desk.db'))
  const clock = options.clock ?? systemClock
  // Errors reach stderr so that an `internal` envelope in a test comes with its cause.
  const logger = options.logger ?? createLogger({ sink: (line) => process.stderr.write(line + '\n'), minLevel: 'error' })
  const secrets = options.secrets ?? new MemorySecretStore()
  const scheduler = new ManualScheduler()
  const notifier = new RecordingNotifier()
  const core = createCore({
    version: '0.0.0-test',
    runtime: 'browser',
    dataDir,
    clock,
    logger,
    db,
    secrets,
    createApiClient: ({ baseUrl, apiKey }) =>
      createZillizClient({ baseUrl, apiKey, clock, logger, ...(options.limits === undefined ? {} : { limits: options.limits }) }),
    scheduler,
    notifier,
    timings: options.timings ?? { syncOnStart: false, syncIntervalMs: 0, jobPollMs: 200 },
    ...(options.savePdf === undefined ? {} : { savePdf: options.savePdf })
  })
  return {
    ...core,
    db,
    dataDir,
    secrets,
    scheduler,
    notifier,
    close: async () => {
      await core.stop()
      db.close()
    }
  }
}
