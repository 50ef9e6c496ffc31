import { BrowserWindow, type Session } from 'electron'
import { preloadPath } from './paths.ts'

/**
 * A persistent partition of our own (keeps the renderer's storage apart from the default session,
 * which nothing else configures) with the HTTP cache off: everything comes from `app://bundle`.
 */
export const APP_PARTITION = 'persist:backup-desk'

export type MainWindowInput = {
  /** `app.isPackaged`: DevTools only in development. */
  isPackaged: boolean
  /** `app.getAppPath()`: the root that holds `out/` (the asar archive once packaged). */
  appPath: string
  session: Session
  /** Window icon for Linux/Windows (macOS takes it from the bundle). */
  iconPath: string
  /** `nativeTheme.shouldUseDarkColors`: the page follows the OS's light or dark mode, and so does its background. */
  isDarkTheme: boolean
}

/**
 * What the window shows where its page has not painted (as it is resized, or before a frame): the page's own
 * background, theme.css's `--bg` in the OS's light or dark mode (test/unit/electron/window.test.ts holds the two
 * equal). A fixed dark colour showed as a dark band on a light page while the window was resized.
 */
export function windowBackground(isDarkTheme: boolean): string {
  return isDarkTheme ? '#121417' : '#f6f7f9'
}

/**
 * The only BrowserWindow of the app. The preferences are an inline literal on purpose:
 * Electronegativity resolves only literals (a variable gives false CONTEXT_ISOLATION/SANDBOX
 * findings), and ESLint's `no-restricted-syntax` rules ban the insecure values (docs/reliability.md#r1).
 * `webSecurity`, `allowRunningInsecureContent` and `experimentalFeatures` keep Electron's defaults.
 */
export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Backup Desk',
    icon: input.iconPath,
    backgroundColor: windowBackground(input.isDarkTheme),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !input.isPackaged,
      preload: preloadPath(input.appPath),
      session: input.session,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => {
    window.show()
  })
  return window
}

export type WindowKeeper = {
  /** Shows the window (creating it if needed), optionally on an `app://bundle` route. */
  show(url?: string): void
}

/**
 * Owns the single main window. With close-to-tray on, closing only hides it so the core keeps
 * watching; the quit guard turns that off while quitting.
 */
export function createWindowKeeper(deps: {
  create(): BrowserWindow
  entryUrl: string
  shouldHideOnClose(): boolean
  log(message: string, fields: Record<string, string>): void
}): WindowKeeper {
  let current: BrowserWindow | null = null
  const load = (window: BrowserWindow, url: string): void => {
    window.loadURL(url).catch((error: unknown) => {
      deps.log('window load failed', { error: error instanceof Error ? error.message : String(error) })
    })
  }
  return {
    show(url) {
      if (current === null || current.isDestroyed()) {
        const window = deps.create()
        window.on('close', (event) => {
          if (!deps.shouldHideOnClose()) return
          event.preventDefault()
          window.hide()
        })
        window.on('closed', () => {
          if (current === window) current = null
        })
        current = window
        load(window, url ?? deps.entryUrl)
        return
      }
      if (url !== undefined) load(current, url)
      if (current.isMinimized()) current.restore()
      current.show()
      current.focus()
    }
  }
}
