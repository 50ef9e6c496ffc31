import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, powerMonitor, session, type SaveDialogOptions, type SaveDialogReturnValue } from 'electron'
import { bootCore, type BootedCore } from '#core/boot'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'
import { embeddedDemo } from '#emulator/embedded-demo'
import { APP_ENTRY_URL, notificationRoute } from './app-origin.ts'
import { desktopDataDir } from './desktop-data-dir.ts'
import { readDesktopSettings, writeDesktopSettings } from './desktop-settings.ts'
import { createElectronNotifier } from './electron-notifier.ts'
import { forwardCoreEvents, registerCoreIpc } from './ipc.ts'
import { lockNavigation } from './navigation.ts'
import { safeOpenExternal } from './open-external.ts'
import { resourcesDir } from './paths.ts'
import { builtRendererRoot } from '#core/security/renderer-files'
import { firstPaintModulePath, firstPaintPages, type FirstPaintPages } from '#core/security/first-paint-page'
import { denyAllPermissions } from './permissions.ts'
import { registerAppScheme, serveRenderer } from './protocol.ts'
import { createQuitGuard, type CoreLifecycle } from './quit-guard.ts'
import { createOpenFile } from './open-dialog.ts'
import { createSaveFile } from './save-dialog.ts'
import { createPrintWindow, createSavePdf, isolatePrintSession, PRINT_PARTITION } from './pdf-export.ts'
import { createOsSecretStore, keychainStatusOf } from '#core/secrets/os-secret-store'
import { deferredLogger } from './deferred-logger.ts'
import { createTray } from './tray.ts'
import { APP_PARTITION, createMainWindow, createWindowKeeper, windowBackground } from './window.ts'

/*
 * The core runs in this main process, not in a utilityProcess. It is async apart from short
 * better-sqlite3 calls, and the Notifier port needs Electron's Notification and Tray, which exist
 * only here: in-process, notices, tray summaries and `invoke` are plain calls with no second
 * message protocol. A utilityProcess would isolate crashes; because the shell only relays
 * `invoke(name, input)` and events, moving there later changes this file alone
 * (docs/architecture.md, "The core runs in Electron's main process").
 */

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The platform's save dialog, attached to the app's window (a sheet on macOS) when it has focus. */
function showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue> {
  const focused = BrowserWindow.getFocusedWindow()
  return focused === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(focused, options)
}

async function startDesktop(): Promise<void> {
  const dataDir = desktopDataDir(process.argv, process.env, () => app.getPath('userData'))
  const settings = readDesktopSettings(dataDir)
  const appPath = app.getAppPath()
  // Filled once the core is booted: the secret store and the shell log through the core's logger.
  const holder: { core?: BootedCore } = {}
  const logger = deferredLogger(() => holder.core?.logger)
  const warn = (message: string, fields: Record<string, string>): void => {
    logger.warn(message, fields)
  }

  const appSession = session.fromPartition(APP_PARTITION, { cache: false })
  denyAllPermissions(appSession)
  // The first paint needs the core's reads: the window's first page before the core is up is the page as built.
  const firstPaint: { pages?: FirstPaintPages } = {}
  void serveRenderer(appSession, builtRendererRoot(appPath), () => firstPaint.pages)
  const printSession = session.fromPartition(PRINT_PARTITION, { cache: false })
  isolatePrintSession(printSession)

  const quitGuard = createQuitGuard({
    stop: async () => {
      stopIpc()
      stopEvents()
      tray.destroy()
      await booted.stop()
    },
    quit: () => { app.quit() },
    log: warn
  })
  app.on('before-quit', (event) => { quitGuard.onBeforeQuit(event) })

  const windows = createWindowKeeper({
    create: () => createMainWindow({ isPackaged: app.isPackaged, appPath, session: appSession, iconPath: join(resourcesDir(appPath, app.isPackaged), 'icon.png'), isDarkTheme: nativeTheme.shouldUseDarkColors }),
    entryUrl: APP_ENTRY_URL,
    shouldHideOnClose: () => settings.closeToTray && !quitGuard.isQuitting(),
    log: warn
  })
  const openNotification = (id: string): void => { windows.show(notificationRoute(id)) }

  const tray = createTray({
    resourcesDir: resourcesDir(appPath, app.isPackaged),
    isDarkTheme: () => nativeTheme.shouldUseDarkColors,
    closeToTray: () => settings.closeToTray,
    actions: {
      openWindow: () => { windows.show() },
      openNotification,
      syncNow: () => {
        booted.syncAll().catch((error: unknown) => { warn('tray sync failed', { error: errorText(error) }) })
      },
      setCloseToTray: (enabled) => {
        settings.closeToTray = enabled
        writeDesktopSettings(dataDir, settings)
        tray.refresh()
      },
      quit: () => { app.quit() }
    }
  })
  nativeTheme.on('updated', () => {
    tray.refresh()
    for (const window of BrowserWindow.getAllWindows()) window.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors))
  })

  const secretStore = createOsSecretStore(logger)
  // `npm run demo`: the demo emulator's key stays in memory, away from the real keychain.
  const isDemo = process.argv.includes('--demo')
  // The same embedded emulator as the browser host's: `--demo` and the empty Fleet's "Try the demo organization".
  const demo = embeddedDemo()
  app.on('will-quit', () => { void demo.close() })
  const booted = bootCore({
    runtime: 'electron',
    dataDir,
    version: app.getVersion(),
    secretStore: isDemo ? new MemorySecretStore() : secretStore,
    keychainStatus: () => keychainStatusOf(secretStore, isDemo),
    startDemo: () => demo.start(),
    notifier: createElectronNotifier({ setSummary: (summary) => { tray.setSummary(summary) }, openNotification }),
    saveFile: createSaveFile(showSaveDialog),
    savePdf: createSavePdf({ createWindow: () => createPrintWindow(printSession), showSaveDialog }),
    openFile: createOpenFile((options) => {
      const focused = BrowserWindow.getFocusedWindow()
      return focused === null ? dialog.showOpenDialog(options) : dialog.showOpenDialog(focused, options)
    })
  })
  holder.core = booted
  firstPaint.pages = firstPaintPages({ modulePath: firstPaintModulePath(appPath), invoke: booted.invoke, logger: booted.logger })
  void firstPaint.pages.warm()

  const stopIpc = registerCoreIpc(ipcMain, booted.invoke, warn)
  const stopEvents = forwardCoreEvents(
    (listener) => booted.events.subscribe(listener),
    () => BrowserWindow.getAllWindows().map((window) => window.webContents)
  )

  const lifecycle: CoreLifecycle = booted
  powerMonitor.on('resume', () => {
    lifecycle.onResume?.().catch((error: unknown) => { warn('resume hook failed', { error: errorText(error) }) })
  })
  app.on('second-instance', () => { windows.show() })
  app.on('activate', () => { windows.show() })
  app.on('window-all-closed', () => {
    if (!settings.closeToTray) app.quit()
  })

  // Finds an unreachable keychain before the user types a key, so the warning shows up front.
  await secretStore.probe()
  await lifecycle.start()
  if (isDemo) {
    const started = await booted.invoke('demo/start', {})
    if (!started.ok) throw new Error(`the demo organization could not start: ${started.error.message}`)
  }
  windows.show()
}

/** Lifecycle and composition only: every decision lives in a tested module next to this one. */
function main(): void {
  registerAppScheme()
  app.enableSandbox()
  // A second copy would open the same SQLite file and run a second scheduler (docs/reliability.md#single-instance).
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents, (url) => {
      safeOpenExternal(url).catch((error: unknown) => {
        process.stderr.write(`backup-desk: could not open ${url}: ${errorText(error)}\n`)
      })
    })
  })
  app
    .whenReady()
    .then(startDesktop)
    .catch((error: unknown) => {
      process.stderr.write(`backup-desk: startup failed: ${errorText(error)}\n`)
      app.exit(1)
    })
}

main()
