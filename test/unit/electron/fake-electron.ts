import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

/**
 * A stand-in for the `electron` module, enough for main.ts and its helpers to run under Node.
 * Use it as `vi.mock('electron', () => fake.module)` with `fake` from `vi.hoisted`; the real module
 * would try to download the binary. `order` records lifecycle calls for ordering assertions.
 */
export function createFakeElectron() {
  const order: string[] = []
  let ready: { promise: Promise<void>; resolve: () => void } = deferred()

  class FakeWebContents extends EventEmitter {
    url = ''
    readonly send = vi.fn()
    readonly setWindowOpenHandler = vi.fn()
    readonly printToPDF = vi.fn(() => Promise.resolve(Buffer.from('%PDF-1.7 fake')))
    isDestroyed = (): boolean => false
    getURL = (): string => this.url
  }

  class FakeBrowserWindow extends EventEmitter {
    static readonly instances: FakeBrowserWindow[] = []
    static getFocusedWindow(): FakeBrowserWindow | null {
      return null
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return FakeBrowserWindow.instances.filter((window) => !window.destroyed)
    }
    destroyed = false
    readonly webContents = new FakeWebContents()
    readonly show = vi.fn()
    readonly hide = vi.fn()
    readonly focus = vi.fn()
    readonly restore = vi.fn()
    readonly setBackgroundColor = vi.fn()
    readonly loadURL = vi.fn((url: string) => {
      this.webContents.url = url
      return Promise.resolve()
    })
    readonly loadFile = vi.fn((path: string) => {
      this.webContents.url = `file://${path}`
      return Promise.resolve()
    })
    readonly destroy = vi.fn(() => {
      this.destroyed = true
    })
    constructor(readonly options: unknown) {
      super()
      FakeBrowserWindow.instances.push(this)
    }
    isDestroyed = (): boolean => this.destroyed
    isMinimized = (): boolean => false
  }

  class FakeTray extends EventEmitter {
    static readonly instances: FakeTray[] = []
    readonly setImage = vi.fn()
    readonly setToolTip = vi.fn()
    readonly setContextMenu = vi.fn()
    readonly destroy = vi.fn()
    constructor(readonly image: unknown) {
      super()
      FakeTray.instances.push(this)
    }
  }

  class FakeNotification extends EventEmitter {
    static readonly instances: FakeNotification[] = []
    static isSupported = vi.fn(() => true)
    readonly show = vi.fn()
    constructor(readonly options: { title: string; body: string }) {
      super()
      FakeNotification.instances.push(this)
    }
  }

  const createSession = () => ({
    protocol: { handle: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setDisplayMediaRequestHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() }
  })
  /** The app's own partition; any other partition (the PDF printer's) gets a session of its own. */
  const fakeSession = createSession()
  const otherSessions = new Map<string, ReturnType<typeof createSession>>()
  const sessionOf = (partition: string): ReturnType<typeof createSession> => {
    if (partition === 'persist:backup-desk') return fakeSession
    const existing = otherSessions.get(partition) ?? createSession()
    otherSessions.set(partition, existing)
    return existing
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(() => { order.push('enableSandbox') }),
    requestSingleInstanceLock: vi.fn(() => {
      order.push('requestSingleInstanceLock')
      return true
    }),
    quit: vi.fn(() => { order.push('quit') }),
    exit: vi.fn(),
    whenReady: vi.fn(() => {
      order.push('whenReady')
      return ready.promise
    }),
    getPath: vi.fn(() => '/tmp/backup-desk-user-data'),
    getAppPath: vi.fn(() => '/opt/backup-desk'),
    getVersion: vi.fn(() => '0.1.0')
  })

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
    nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
    nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
    powerMonitor: new EventEmitter(),
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(() => { order.push('registerSchemesAsPrivileged') }) },
    session: { fromPartition: vi.fn((partition: string) => sessionOf(partition)) },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    dialog: {
      showSaveDialog: vi.fn(() => Promise.resolve({ canceled: true, filePath: '' })),
      showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] as string[] }))
    }
  }

  return {
    module,
    order,
    session: fakeSession,
    sessionOf,
    /** Lets `app.whenReady()` resolve. */
    becomeReady: () => { ready.resolve() },
    reset() {
      order.length = 0
      ready = deferred()
      FakeBrowserWindow.instances.length = 0
      FakeTray.instances.length = 0
      FakeNotification.instances.length = 0
      app.removeAllListeners()
      module.powerMonitor.removeAllListeners()
      module.nativeTheme.removeAllListeners()
      module.nativeTheme.shouldUseDarkColors = false
      vi.clearAllMocks()
      app.requestSingleInstanceLock.mockImplementation(() => {
        order.push('requestSingleInstanceLock')
        return true
      })
    }
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}
