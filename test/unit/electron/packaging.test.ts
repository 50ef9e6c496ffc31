import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
const require = createRequire(import.meta.url)
/** js-yaml ships with electron-builder (which reads this same file with it); it has no typings here. */
const yaml = require('js-yaml') as { load(text: string): unknown }

type BuilderConfig = {
  appId: string
  productName: string
  files: string[]
  asarUnpack: string[]
  electronFuses: Record<string, boolean>
  linux: { target: string[]; icon: string }
  mac: { target: string; icon: string }
  win: { target: string; icon: string }
}

const config = yaml.load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig

/**
 * npm's `latest` for electron when this was last reviewed (`npm view electron dist-tags.latest`,
 * 45.4.1 on 2026-11-24). Unit tests stay offline: bump this when Electron ships a new major, and
 * the check below then says whether the pinned electron fell out of the supported window.
 */
const LATEST_ELECTRON_MAJOR = 45

describe('electron-builder.yml', () => {
  it('burns exactly the hardened fuse map into the binary (R10)', () => {
    expect(config.electronFuses).toStrictEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })

  it('packages the built app with native modules and icons outside the asar', () => {
    expect(config.appId).toBe('com.backupdesk.app')
    expect(config.productName).toBe('Backup Desk')
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']))
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'resources/**']))
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect([config.mac.target, config.win.target]).toEqual(['dmg', 'nsis'])
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      expect(readFileSync(resolve(ROOT, icon)).subarray(1, 4).toString('ascii')).toBe('PNG')
    }
  })

  it('keeps Electron within the latest three stable majors', () => {
    const installed = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version
    const major = Number(installed.split('.')[0])
    expect(major).toBeGreaterThanOrEqual(LATEST_ELECTRON_MAJOR - 2)
  })
})

describe('resources', () => {
  const size = (file: string) => {
    const png = readFileSync(resolve(ROOT, 'resources', file))
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return [png.readUInt32BE(16), png.readUInt32BE(20)]
  }

  it('has every tray icon at 1x and 2x, and a 512 px app icon', () => {
    for (const name of ['tray-light', 'tray-dark', 'tray-alert']) {
      expect(size(`${name}.png`)).toEqual([16, 16])
      expect(size(`${name}@2x.png`)).toEqual([32, 32])
    }
    expect(size('icon.png')).toEqual([512, 512])
    expect(size('icon-256.png')).toEqual([256, 256])
  })
})
