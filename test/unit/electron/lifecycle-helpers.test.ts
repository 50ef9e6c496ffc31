import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { desktopDataDir } from '../../../src-main/electron/desktop-data-dir.ts'
import { desktopSettingsPath, readDesktopSettings, writeDesktopSettings } from '../../../src-main/electron/desktop-settings.ts'
import { createQuitGuard } from '../../../src-main/electron/quit-guard.ts'

describe('data directory', () => {
  const userData = () => '/home/u/.config/Backup Desk'
  it('prefers --data-dir, then BACKUP_DESK_DATA_DIR, then userData', () => {
    expect(desktopDataDir(['electron', '.', '--data-dir', '/d1'], { BACKUP_DESK_DATA_DIR: '/d2' }, userData)).toBe('/d1')
    expect(desktopDataDir(['electron', '.', '--data-dir=/d1'], {}, userData)).toBe('/d1')
    expect(desktopDataDir(['electron', '.'], { BACKUP_DESK_DATA_DIR: '/d2' }, userData)).toBe('/d2')
    expect(desktopDataDir(['electron', '.', '--data-dir'], { BACKUP_DESK_DATA_DIR: '' }, userData)).toBe(userData())
    expect(desktopDataDir(['electron', '.', '--data-dir', '--demo'], {}, userData)).toBe(userData())
  })
})

describe('desktop settings', () => {
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'desktop-settings-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('defaults to close-to-tray on, also for a missing or broken file', () => {
    const dir = tempDir()
    expect(readDesktopSettings(dir)).toEqual({ closeToTray: true })
    writeFileSync(desktopSettingsPath(dir), '{not json')
    expect(readDesktopSettings(dir)).toEqual({ closeToTray: true })
    writeFileSync(desktopSettingsPath(dir), '{"closeToTray":"no"}')
    expect(readDesktopSettings(dir)).toEqual({ closeToTray: true })
  })

  it('round-trips the setting', () => {
    const dir = tempDir()
    writeDesktopSettings(dir, { closeToTray: false })
    expect(readDesktopSettings(dir)).toEqual({ closeToTray: false })
    expect(JSON.parse(readFileSync(desktopSettingsPath(dir), 'utf8'))).toEqual({ closeToTray: false })
  })
})

describe('quit guard', () => {
  it('holds the first quit until the core stopped, then lets the repeated quit through', async () => {
    let finishStop: () => void = () => undefined
    const stop = vi.fn(() => new Promise<void>((resolve) => { finishStop = resolve }))
    const quit = vi.fn()
    const guard = createQuitGuard({ stop, quit, log: vi.fn() })
    expect(guard.isQuitting()).toBe(false)

    const first = { preventDefault: vi.fn() }
    guard.onBeforeQuit(first)
    guard.onBeforeQuit({ preventDefault: vi.fn() })
    expect(first.preventDefault).toHaveBeenCalled()
    expect(guard.isQuitting()).toBe(true)
    expect(stop).toHaveBeenCalledOnce()
    expect(quit).not.toHaveBeenCalled()

    finishStop()
    await vi.waitFor(() => { expect(quit).toHaveBeenCalledOnce() })
    const repeated = { preventDefault: vi.fn() }
    guard.onBeforeQuit(repeated)
    expect(repeated.preventDefault).not.toHaveBeenCalled()
  })

  it('quits anyway when stopping fails or hangs, and logs why', async () => {
    const log = vi.fn()
    const quit = vi.fn()
    const guard = createQuitGuard({ stop: () => new Promise<void>(() => undefined), quit, log, timeoutMs: 20 })
    guard.onBeforeQuit({ preventDefault: vi.fn() })
    await vi.waitFor(() => { expect(quit).toHaveBeenCalledOnce() })
    expect(log).toHaveBeenCalledWith('core did not stop cleanly', { error: 'stop took longer than 20 ms' })

    const failing = createQuitGuard({ stop: () => Promise.reject(new Error('db locked')), quit, log })
    failing.onBeforeQuit({ preventDefault: vi.fn() })
    await vi.waitFor(() => { expect(quit).toHaveBeenCalledTimes(2) })
  })
})
