import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../../src-main/core/lib/event-bus.ts'
import { silentLogger } from '../../../src-main/core/lib/logger.ts'
import type { BootOptions } from '../../../src-main/core/boot.ts'

const fake = await vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron())
const boot = vi.hoisted(() => ({ options: [] as unknown[], start: 0, stop: 0, resume: 0, sync: 0, invoked: [] as unknown[][] }))

vi.mock('electron', () => fake.module)
// The real keytar store would reach for the OS keychain; main only needs the port.
vi.mock('#core/secrets/keytar-secret-store', () => ({
  createKeytarSecretStore: () => ({
    get: () => Promise.resolve(null),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(false),
    listAccounts: () => Promise.resolve([])
  })
}))
vi.mock('#core/boot', () => ({
  bootCore: vi.fn((options: unknown) => {
    boot.options.push(options)
    return {
      invoke: vi.fn((...args: unknown[]) => {
        boot.invoked.push(args)
        return Promise.resolve({ ok: true, value: null })
      }),
      events: new EventBus(),
      handlers: {},
      logger: silentLogger,
      start: () => {
        boot.start++
        return Promise.resolve()
      },
      stop: () => {
        boot.stop++
        return Promise.resolve()
      },
      onResume: () => {
        boot.resume++
        return Promise.resolve()
      },
      syncAll: () => {
        boot.sync++
        return Promise.resolve()
      }
    }
  })
}))

async function loadMain(): Promise<void> {
  vi.resetModules()
  await import('../../../src-main/electron/main.ts')
}

/** Lets pending promise callbacks (whenReady → startDesktop → core.start) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('main process lifecycle', () => {
  beforeEach(() => {
    fake.reset()
    boot.options.length = 0
    boot.start = 0
    boot.stop = 0
    boot.resume = 0
    boot.sync = 0
    boot.invoked.length = 0
  })

  it('registers the app scheme and enables the sandbox before waiting for ready', async () => {
    await loadMain()
    expect(fake.order.slice(0, 4)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock', 'whenReady'])
  })

  it('quits without starting the core when another instance holds the lock', async () => {
    fake.module.app.requestSingleInstanceLock.mockImplementation(() => false)
    await loadMain()
    fake.becomeReady()
    await settle()
    expect(fake.module.app.quit).toHaveBeenCalledOnce()
    expect(fake.module.app.whenReady).not.toHaveBeenCalled()
    expect(boot.options).toEqual([])
    expect(fake.module.BrowserWindow.instances).toEqual([])
  })

  it('boots the core with the electron runtime, serves app://bundle and opens one window', async () => {
    await loadMain()
    fake.becomeReady()
    await settle()
    const options = boot.options[0] as BootOptions
    expect(options.runtime).toBe('electron')
    expect(options.version).toBe('0.1.0')
    expect(typeof options.secretStore.get).toBe('function')
    expect(typeof options.notifier.show).toBe('function')
    expect(options.keychainStatus?.()).toEqual({ mode: 'keychain' })
    expect(boot.start).toBe(1)
    expect(fake.session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect(fake.session.setPermissionRequestHandler).toHaveBeenCalledOnce()
    expect(fake.module.ipcMain.handle).toHaveBeenCalledWith('core:invoke', expect.any(Function))
    expect(fake.module.BrowserWindow.instances).toHaveLength(1)
    expect(fake.module.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://bundle/')
  })

  it("opens the window on the page's background in the OS's mode, and follows the OS when it changes", async () => {
    fake.module.nativeTheme.shouldUseDarkColors = true
    await loadMain()
    fake.becomeReady()
    await settle()
    const window = fake.module.BrowserWindow.instances[0]
    expect((window?.options as { backgroundColor: string }).backgroundColor).toBe('#121417')
    fake.module.nativeTheme.shouldUseDarkColors = false
    fake.module.nativeTheme.emit('updated')
    expect(window?.setBackgroundColor).toHaveBeenLastCalledWith('#f6f7f9')
  })

  it('a second instance focuses the existing window instead of opening another', async () => {
    await loadMain()
    fake.becomeReady()
    await settle()
    fake.module.app.emit('second-instance')
    expect(fake.module.BrowserWindow.instances).toHaveLength(1)
    expect(fake.module.BrowserWindow.instances[0]?.focus).toHaveBeenCalled()
  })

  it('hides to the tray on close by default, and stops the core before quitting', async () => {
    await loadMain()
    fake.becomeReady()
    await settle()
    const window = fake.module.BrowserWindow.instances[0]!
    const closeEvent = { preventDefault: vi.fn() }
    window.emit('close', closeEvent)
    expect(closeEvent.preventDefault).toHaveBeenCalled()
    expect(window.hide).toHaveBeenCalled()

    const quitEvent = { preventDefault: vi.fn() }
    fake.module.app.emit('before-quit', quitEvent)
    expect(quitEvent.preventDefault).toHaveBeenCalled()
    await settle()
    expect(boot.stop).toBe(1)
    expect(fake.module.ipcMain.removeHandler).toHaveBeenCalledWith('core:invoke')
    expect(fake.module.app.quit).toHaveBeenCalled()

    const secondQuit = { preventDefault: vi.fn() }
    fake.module.app.emit('before-quit', secondQuit)
    expect(secondQuit.preventDefault).not.toHaveBeenCalled()
    const closeWhileQuitting = { preventDefault: vi.fn() }
    window.emit('close', closeWhileQuitting)
    expect(closeWhileQuitting.preventDefault).not.toHaveBeenCalled()
  })

  it('tells the core about a resume from sleep, and syncs from the tray', async () => {
    await loadMain()
    fake.becomeReady()
    await settle()
    fake.module.powerMonitor.emit('resume')
    expect(boot.resume).toBe(1)
    const menu = fake.module.Menu.buildFromTemplate.mock.lastCall?.[0] as { label?: string; click?: () => void }[]
    menu.find((item) => item.label === 'Sync now')?.click?.()
    expect(boot.sync).toBe(1)
  })

  it('answers file/save and file/open with the platform dialogs, in main', async () => {
    await loadMain()
    fake.becomeReady()
    await settle()
    const options = boot.options[0] as BootOptions
    expect(await options.saveFile?.('fleet.yaml', 'x')).toEqual({ saved: false, path: null })
    expect(fake.module.dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: 'fleet.yaml' }))
    expect(await options.openFile?.(['yaml', 'json'])).toEqual({ opened: false, name: null, text: null })
    expect(fake.module.dialog.showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openFile'] }))
  })

  it('answers report/compliance-pdf in main: a hidden window of the isolated print session, closed after printing, then the platform save dialog', async () => {
    await loadMain()
    fake.becomeReady()
    await settle()
    const options = boot.options[0] as BootOptions
    const printSession = fake.sessionOf('backup-desk-print')
    expect(fake.module.session.fromPartition).toHaveBeenCalledWith('backup-desk-print', { cache: false })
    expect(printSession.setPermissionRequestHandler).toHaveBeenCalledOnce()
    expect(printSession.webRequest.onBeforeRequest).toHaveBeenCalledOnce()

    expect(await options.savePdf?.('compliance-acme.pdf', '<h1>report</h1>')).toEqual({ saved: false, path: null })
    const printWindow = fake.module.BrowserWindow.instances.at(-1)!
    expect(fake.module.BrowserWindow.instances).toHaveLength(2)
    expect((printWindow.options as { show: boolean; webPreferences: { session: unknown; javascript: boolean } })).toMatchObject({
      show: false,
      webPreferences: { session: printSession, javascript: false }
    })
    expect(printWindow.webContents.printToPDF).toHaveBeenCalledOnce()
    expect(printWindow.destroy).toHaveBeenCalledOnce()
    expect(fake.module.dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: 'compliance-acme.pdf' }))
  })

  it('routes an OS notification click to the notice in the existing window', async () => {
    await loadMain()
    fake.becomeReady()
    await settle()
    const options = boot.options[0] as BootOptions
    options.notifier.show({
      id: 'n-42',
      kind: 'failed',
      clusterId: 'c1',
      slot: '2026-11-24T02:00:00.000Z',
      title: 'Backup failed',
      body: 'prod-eu',
      severity: 'critical',
      createdAt: '2026-11-24T02:10:00.000Z',
      read: false
    })
    fake.module.Notification.instances.at(-1)?.emit('click')
    expect(fake.module.BrowserWindow.instances).toHaveLength(1)
    expect(fake.module.BrowserWindow.instances[0]?.loadURL).toHaveBeenLastCalledWith('app://bundle/#/notifications?focus=n-42')
  })

  it('locks navigation on every web contents created', async () => {
    await loadMain()
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() }
    fake.module.app.emit('web-contents-created', {}, contents)
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce()
    expect(contents.on.mock.calls.map(([name]) => name as string)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])
    )
  })

  it('gives the core the embedded demo emulator, so the empty Fleet\'s "Try the demo organization" works, and closes it on quit', async () => {
    await loadMain()
    fake.becomeReady()
    await settle()
    const options = boot.options[0] as BootOptions
    expect(options.startDemo).toBeTypeOf('function')
    const demo = await options.startDemo!()
    expect(demo.name).toBe('Demo organization (emulator)')
    // A real emulator answers with the key it handed out; a second start reuses it.
    const projects = await fetch(`${demo.baseUrl}/v2/projects`, { headers: { Authorization: `Bearer ${demo.apiKey}` } })
    expect(projects.status).toBe(200)
    expect((await options.startDemo!()).baseUrl).toBe(demo.baseUrl)
    fake.module.app.emit('will-quit')
    await expect.poll(async () => fetch(`${demo.baseUrl}/v2/projects`).then(() => 'listening', () => 'closed')).toBe('closed')
  }, 30_000)

  it('with --demo starts the demo organization through demo/start once the core has started', async () => {
    process.argv.push('--demo')
    try {
      await loadMain()
      fake.becomeReady()
      await settle()
    } finally {
      process.argv.splice(process.argv.indexOf('--demo'), 1)
    }
    expect(boot.start).toBe(1)
    expect(boot.invoked).toContainEqual(['demo/start', {}])
    expect(fake.module.BrowserWindow.instances).toHaveLength(1)
    // Its keys are held in memory, and the window is told so (not that they are in the keychain).
    expect((boot.options[0] as BootOptions).keychainStatus?.()).toEqual({ mode: 'memory-only', demo: true })
  })
})
