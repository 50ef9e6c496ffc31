import { organizationsByConnection } from './store/organization.query.ts'
import { isCoreError } from '#contract/errors'
import type { KeychainStatus } from '#contract/models/connection'
import { BackupActions } from './actions/backup-actions.ts'
import { FirstBackupWatch } from './actions/first-backup-watch.ts'
import { JobTracker } from './actions/job-tracker.ts'
import { ClientPool, type ApiClientFactory } from './connections/client-pool.ts'
import { ConnectionService } from './connections/connection-service.ts'
import { createDispatcher, type Invoke } from './dispatch.ts'
import { BackupSearch } from './fleet/backup-search.ts'
import { systemTimeZone } from './lib/time-zone.ts'
import { FleetHealthCache } from './fleet/fleet-health-cache.ts'
import type { LintEnvironment } from './fleet/cluster-lint.ts'
import { driftNotices } from './fleet/template-drift.ts'
import { appHandlers } from './handlers/app.handlers.ts'
import type { DemoOrganization } from './connections/demo-connection.ts'
import { backupHandlers } from './handlers/backup.handlers.ts'
import { connectionHandlers } from './handlers/connection.handlers.ts'
import { clusterHandlers } from './handlers/cluster.handlers.ts'
import { backupContentsHandlers } from './handlers/backup-contents.handlers.ts'
import { regionHandlers } from './handlers/region.handlers.ts'
import { draftHandlers } from './handlers/draft.handlers.ts'
import { jobHandlers } from './handlers/job.handlers.ts'
import { planHandlers } from './handlers/plan.handlers.ts'
import { policyHandlers } from './handlers/policy.handlers.ts'
import { backupHistoryHandlers } from './handlers/backup-history.handlers.ts'
import { protectionSettingsHandlers } from './handlers/protection-settings.handlers.ts'
import { reportHandlers, type SavePdfDialog } from './handlers/report.handlers.ts'
import { loadProtectionSettings } from './history/protection-settings.ts'
import { policyFileHandlers } from './handlers/policy-file.handlers.ts'
import { fileHandlers, type OpenFileDialog, type SaveFileDialog } from './handlers/file.handlers.ts'
import { syncHandlers } from './handlers/sync.handlers.ts'
import { templateHandlers } from './handlers/template.handlers.ts'
import { timelineHandlers } from './handlers/timeline.handlers.ts'
import type { CoreHandlers } from './handlers/types.ts'
import type { Clock } from './lib/clock.ts'
import { EventBus } from './lib/event-bus.ts'
import type { Logger } from './lib/logger.ts'
import type { Notifier } from './notify/notifier.ts'
import { PlanService } from './plan/plan-service.ts'
import type { Scheduler } from './schedule/scheduler.ts'
import { createWatcher, type WatcherOptions } from './schedule/watcher.ts'
import type { SecretStore } from './secrets/secret-store.ts'
import type { StoreDatabase } from './store/database.ts'
import { listConnections } from './store/connections.repo.ts'
import { createNotificationLedger } from './store/notifications.repo.ts'
import { pruneObservedBackups } from './store/observed-backups.repo.ts'
import { createSettingsRepo } from './store/settings.repo.ts'
import { createWatchQueries } from './store/watch.query.ts'
import { DraftOutbox } from './sync/draft-outbox.ts'
import { DraftSaver } from './sync/draft-saver.ts'
import { SyncEngine } from './sync/sync-engine.ts'
import { createWebhooks, type WebhooksDeps } from './webhooks/create-webhooks.ts'

/** Everything the core needs from its host. Electron, the browser host and tests differ only here. */
/** How often the app syncs each organization unless told otherwise; the CLI calls data older than this stale. */
export const DEFAULT_SYNC_INTERVAL_MS = 15 * 60_000

export type CoreDeps = {
  version: string
  runtime: 'electron' | 'browser'
  dataDir: string
  clock: Clock
  logger: Logger
  db: StoreDatabase
  secrets: SecretStore
  /** Whether API keys reach the OS keychain or only memory (docs/reliability.md#r13); the renderer shows a warning. */
  keychainStatus?: () => KeychainStatus | Promise<KeychainStatus>
  createApiClient: ApiClientFactory
  scheduler: Scheduler
  notifier: Notifier
  timings?: CoreTimings
  watcher?: WatcherOptions
  /** A host that embeds the demo emulator starts it on demand (`demo/start`). */
  startDemo?: () => Promise<DemoOrganization>
  /** Webhook attempt deadline and answer cap (tests shorten them); jitter source. */
  webhooks?: Pick<WebhooksDeps, 'send' | 'random'>
  /** The platform's save dialog (Electron); without it `file/save` is refused and the renderer downloads. */
  saveFile?: SaveFileDialog
  /** The platform's open dialog (Electron); without it `file/open` is refused and the renderer picks in the page. */
  openFile?: OpenFileDialog
  /** Prints the compliance report to a PDF and saves it (Electron); without it `report/compliance-pdf` is refused. */
  savePdf?: SavePdfDialog
}

export type CoreTimings = {
  /** Automatic sync period; 0 turns the timer off. Default 15 min. */
  syncIntervalMs?: number
  /** Job polling period. Default 5 s. */
  jobPollMs?: number
  /** How long the backup that enabling a policy starts is looked for (default 5 min), and the first re-look (5 s). */
  firstBackupWaitMs?: number
  firstBackupRecheckMs?: number
  /** Sync every connection at start. Default true. */
  syncOnStart?: boolean
}

export type Core = {
  invoke: Invoke
  events: EventBus
  handlers: CoreHandlers
  /** Catches up notifications, reconciles unfinished requests, starts the sync timer and job polling. */
  start(): Promise<void>
  stop(): Promise<void>
  /** The machine woke from sleep: catch up on notices and sync. */
  onResume(): Promise<void>
  /** Syncs every connection (errors are reported through events, not thrown). */
  syncAll(): Promise<void>
  /** Delivers the webhook messages due now; resolves when the outbox sleeps. */
  flushWebhooks(): Promise<void>
  /** What the backup search index holds in memory, per connection (`BackupSearch.indexedBackups`). */
  indexedBackups(): ReadonlyMap<string, number>
}

/** Composes the core from injected dependencies. Nothing starts until `start()`. */
export function createCore(deps: CoreDeps): Core {
  const { db, logger } = deps
  const now = (): number => deps.clock.now()
  const events = new EventBus()
  const settings = createSettingsRepo(db)
  const pool = new ClientPool(db, deps.secrets, deps.createApiClient)
  const search = new BackupSearch(db)
  const fleetHealthCache = new FleetHealthCache(db)
  const connections = new ConnectionService({
    db, secrets: deps.secrets, settings, pool, createClient: deps.createApiClient, now, onRemoved: (id) => search.forget(id)
  })
  const backgroundSync = (connectionId: string): void => {
    engine.run(connectionId).catch((error: unknown) => {
      logger.warn('background sync failed', { connectionId, error: isCoreError(error) ? error.code : String(error) })
    })
  }
  const jobs: JobTracker = new JobTracker({
    db, pool, events, logger, now,
    pollMs: deps.timings?.jobPollMs ?? 5000,
    onJobEnded: (connectionId) => backgroundSync(connectionId),
    describeFirstBackup: (client, job) => firstBackups.describe(client, job)
  })
  const firstBackups: FirstBackupWatch = new FirstBackupWatch({
    db, jobs, logger, now,
    onCreating: (backup) => search.add(backup),
    ...(deps.timings?.firstBackupWaitMs === undefined ? {} : { waitMs: deps.timings.firstBackupWaitMs }),
    ...(deps.timings?.firstBackupRecheckMs === undefined ? {} : { recheckMs: deps.timings.firstBackupRecheckMs })
  })
  const outbox = new DraftOutbox({ db, pool, events, logger, now, firstBackups })
  const engine = new SyncEngine({
    db, pool, events, logger, now,
    afterSync: async (connectionId, client) => {
      await jobs.refresh(connectionId, client)
      await actions.reconcile(connectionId, client)
      await outbox.drain(connectionId)
      pruneObservedBackups(db, now() - loadProtectionSettings(settings).historyRetentionDays * 86_400_000)
    },
    // The search index follows the cache the moment the list is replaced (the one change of it in bulk), not when
    // the whole sync ends: in between, the list (SQL) and a search (index) would otherwise disagree.
    onBackupsReplaced: (connectionId) => search.refresh(connectionId)
  })
  const actions = new BackupActions({ db, pool, jobs, logger, now })
  const timeZone = (): string => deps.watcher?.timeZone ?? systemTimeZone()
  const lintEnvironment = (): LintEnvironment => ({ timeZone: timeZone(), rulesOff: loadProtectionSettings(settings).lintRulesOff })
  const webhooks = createWebhooks({
    db, secrets: deps.secrets, settings, clock: deps.clock, scheduler: deps.scheduler, events, logger, timeZone,
    ...deps.webhooks
  })
  const watcher = createWatcher({
    inputs: createWatchQueries(db),
    ledger: createNotificationLedger(db, webhooks.ledgerHooks),
    settings,
    clock: deps.clock,
    scheduler: deps.scheduler,
    notifier: deps.notifier,
    events,
    logger,
    healthLevels: (nowMs) => fleetHealthCache.levels(nowMs),
    moreNotices: () => driftNotices(db),
    organizations: () => organizationsByConnection(db),
    ...(deps.watcher === undefined ? {} : { options: deps.watcher })
  })
  const plans = new PlanService({ db, outbox, events, now })
  const drafts = new DraftSaver({ db, events, now })

  const handlers: CoreHandlers = {
    ...appHandlers({ ...deps, invoke: () => invoke }),
    ...connectionHandlers({
      connections,
      keychainStatus: deps.keychainStatus ?? (() => ({ mode: 'keychain' })),
      onAdded: backgroundSync
    }),
    ...syncHandlers({ db, connections, engine, health: fleetHealthCache, now }),
    ...clusterHandlers({ db, connections, now, health: fleetHealthCache, lintEnvironment }),
    ...regionHandlers({ db, pool }),
    ...backupContentsHandlers({ db, pool }),
    ...policyFileHandlers({ db, connections, plans, now, lintEnvironment }),
    ...fileHandlers(deps.saveFile, deps.openFile),
    ...policyHandlers({ db, drafts, outbox }),
    ...draftHandlers({ db, drafts, outbox, events }),
    ...backupHandlers({ db, connections, actions, search, now }),
    ...jobHandlers({ db }),
    ...backupHistoryHandlers({ db }),
    ...timelineHandlers({ db, now }),
    ...protectionSettingsHandlers({ settings }),
    ...reportHandlers({ db, connections, now, lintEnvironment, ...(deps.savePdf === undefined ? {} : { savePdf: deps.savePdf }) }),
    ...templateHandlers({ db, plans, now }),
    ...planHandlers(plans),
    ...watcher.handlers,
    'settings/update': async (patch) => {
      const next = await watcher.handlers['settings/update'](patch)
      webhooks.settingsChanged()
      return next
    },
    ...webhooks.handlers
  }

  const invoke = createDispatcher(handlers, logger)
  let syncTimer: ReturnType<typeof setInterval> | null = null
  const syncAll = async (): Promise<void> => {
    await Promise.allSettled(listConnections(db).map((c) => engine.run(c.id)))
  }

  return {
    invoke,
    events,
    handlers,
    syncAll,
    flushWebhooks: () => webhooks.flush(),
    indexedBackups: () => search.indexedBackups(),
    start: () => {
      webhooks.start()
      watcher.start()
      jobs.start()
      void actions.reconcileAll()
      // The search index is ready before the first keystroke (docs/architecture.md, "Large lists").
      void search.warm(listConnections(db).map((c) => c.id))
      if (deps.timings?.syncOnStart ?? true) void syncAll()
      const interval = deps.timings?.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS
      if (interval > 0) {
        syncTimer = setInterval(() => void syncAll(), interval)
        syncTimer.unref()
      }
      return Promise.resolve()
    },
    stop: () => {
      if (syncTimer !== null) clearInterval(syncTimer)
      syncTimer = null
      jobs.stop()
      watcher.stop()
      webhooks.stop()
      search.stop()
      return Promise.resolve()
    },
    onResume: async () => {
      watcher.onResume()
      await syncAll()
    }
  }
}
