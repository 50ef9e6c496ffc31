import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, resolveDataDir } from '#core/lib/data-dir'
import { desktopDataDir } from '../../../../src-main/electron/desktop-data-dir.ts'

const home = { XDG_CONFIG_HOME: '/home/admin/.config' }

describe('the data directory', () => {
  it('prefers the flag, then BACKUP_DESK_DATA_DIR, then the default folder', () => {
    expect(resolveDataDir('/flag', { ...home, BACKUP_DESK_DATA_DIR: '/env' })).toBe('/flag')
    expect(resolveDataDir(undefined, { ...home, BACKUP_DESK_DATA_DIR: '/env' })).toBe('/env')
    expect(resolveDataDir(undefined, home)).toBe(defaultDataDir(home))
  })

  it('treats an empty BACKUP_DESK_DATA_DIR or flag as absent, never as the current folder', () => {
    expect(resolveDataDir(undefined, { ...home, BACKUP_DESK_DATA_DIR: '' })).toBe(defaultDataDir(home))
    expect(resolveDataDir('', { ...home, BACKUP_DESK_DATA_DIR: '' })).toBe(defaultDataDir(home))
  })

  it('gives the browser host and the Electron shell the same folder for the same environment', () => {
    const userData = (): string => defaultDataDir(home)
    for (const env of [{ ...home }, { ...home, BACKUP_DESK_DATA_DIR: '' }, { ...home, BACKUP_DESK_DATA_DIR: '/env' }]) {
      expect(desktopDataDir(['electron', '.'], env, userData)).toBe(resolveDataDir(undefined, env))
    }
    expect(defaultDataDir(home, 'linux')).toBe(join('/home/admin/.config', 'backup-desk'))
  })
})
