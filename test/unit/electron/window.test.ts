import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, Session } from 'electron'

const fake = await vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron())
vi.mock('electron', () => fake.module)

const { APP_PARTITION, createMainWindow, createWindowKeeper, windowBackground } = await import('../../../src-main/electron/window.ts')
const { preloadPath, resourcesDir } = await import('../../../src-main/electron/paths.ts')
const { builtRendererRoot } = await import('../../../src-main/core/security/renderer-files.ts')

const session = { id: 'fake-session' } as unknown as Session

/** docs/reliability.md#r1, spelled out: any added, removed or changed preference fails this test. */
const EXPECTED_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  disableBlinkFeatures: 'Auxclick',
  devTools: true,
  preload: '/opt/backup-desk/out/preload/preload.cjs',
  session,
  spellcheck: false
})

describe('main window options', () => {
  it('uses exactly the hardened preferences', () => {
    createMainWindow({ isPackaged: false, appPath: '/opt/backup-desk', session, iconPath: '/opt/backup-desk/resources/icon.png', isDarkTheme: false })
    const options = fake.module.BrowserWindow.instances.at(-1)?.options as { webPreferences: unknown; show: boolean }
    expect(options.webPreferences).toStrictEqual(EXPECTED_WEB_PREFERENCES)
    expect(options.show).toBe(false)
  })

  it("shows the page's own background where the page has not painted, in the OS's light or dark mode", () => {
    // theme.css: `--bg` in :root, then again in its prefers-color-scheme: dark block.
    const theme = readFileSync(join(import.meta.dirname, '../../../src-renderer/lib/ui/theme.css'), 'utf8')
    const dark = theme.slice(theme.indexOf('@media (prefers-color-scheme: dark)'))
    const bgOf = (css: string): string | undefined => /--bg:\s*(#[0-9a-f]{6})\s*;/i.exec(css)?.[1]
    expect(windowBackground(false)).toBe(bgOf(theme))
    expect(windowBackground(true)).toBe(bgOf(dark))
    expect(windowBackground(true)).not.toBe(windowBackground(false))
    createMainWindow({ isPackaged: false, appPath: '/a', session, iconPath: 'icon.png', isDarkTheme: true })
    expect((fake.module.BrowserWindow.instances.at(-1)?.options as { backgroundColor: string }).backgroundColor).toBe(windowBackground(true))
  })

  it('turns DevTools off in a packaged app', () => {
    createMainWindow({ isPackaged: true, appPath: '/opt/backup-desk', session, iconPath: 'icon.png', isDarkTheme: false })
    const options = fake.module.BrowserWindow.instances.at(-1)?.options as { webPreferences: Record<string, unknown> }
    expect(options.webPreferences).toStrictEqual({ ...EXPECTED_WEB_PREFERENCES, devTools: false })
  })

  it('never sets the preferences that weaken the renderer', () => {
    createMainWindow({ isPackaged: false, appPath: '/a', session, iconPath: 'icon.png', isDarkTheme: false })
    const options = fake.module.BrowserWindow.instances.at(-1)?.options as { webPreferences: Record<string, unknown> }
    for (const key of ['webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'partition']) {
      expect(options.webPreferences).not.toHaveProperty(key)
    }
  })

  it('uses a dedicated persistent partition and the built output paths', () => {
    expect(APP_PARTITION).toBe('persist:backup-desk')
    expect(preloadPath('/app')).toBe('/app/out/preload/preload.cjs')
    // The browser host serves the same root (host/cli.ts).
    expect(builtRendererRoot('/app')).toBe('/app/out/renderer')
    expect(resourcesDir('/opt/x/resources/app.asar', true)).toBe('/opt/x/resources/app.asar.unpacked/resources')
    expect(resourcesDir('/work/app', false)).toBe('/work/app/resources')
  })
})

describe('window keeper', () => {
  function keeper(hide: boolean) {
    const created: BrowserWindow[] = []
    const keep = createWindowKeeper({
      create: () => {
        const window = new fake.module.BrowserWindow({}) as unknown as BrowserWindow
        created.push(window)
        return window
      },
      entryUrl: 'app://bundle/',
      shouldHideOnClose: () => hide,
      log: vi.fn()
    })
    return { keep, created }
  }

  it('creates the window once, then shows and focuses it, loading a route when given', () => {
    const { keep, created } = keeper(true)
    keep.show()
    keep.show('app://bundle/#/notifications?focus=n1')
    expect(created).toHaveLength(1)
    const window = fake.module.BrowserWindow.instances.at(-1)!
    expect(window.loadURL.mock.calls).toEqual([['app://bundle/'], ['app://bundle/#/notifications?focus=n1']])
    expect(window.focus).toHaveBeenCalledOnce()
  })

  it('hides instead of closing while close-to-tray applies, and closes otherwise', () => {
    for (const hide of [true, false]) {
      const { keep } = keeper(hide)
      keep.show()
      const window = fake.module.BrowserWindow.instances.at(-1)!
      const event = { preventDefault: vi.fn() }
      window.emit('close', event)
      expect(event.preventDefault).toHaveBeenCalledTimes(hide ? 1 : 0)
      expect(window.hide).toHaveBeenCalledTimes(hide ? 1 : 0)
    }
  })

  it('opens a new window after the previous one was closed', () => {
    const { keep, created } = keeper(false)
    keep.show()
    fake.module.BrowserWindow.instances.at(-1)!.emit('closed')
    keep.show()
    expect(created).toHaveLength(2)
  })
})
