import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { denyAllPermissions } from '../../../src-main/electron/permissions.ts'

type Handler = (...args: unknown[]) => unknown

/** Every permission name in the installed Electron's typings (setPermissionRequestHandler's union). */
function permissionNames(): string[] {
  const typings = readFileSync(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8')
  const signature = /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+(?:, )?)+?callback/.exec(typings)
  const names = [...(signature?.[0] ?? '').matchAll(/'([\w-]+)'/g)].map((match) => match[1]!)
  return [...new Set(names)]
}

function captureHandlers() {
  const handlers: Record<string, Handler> = {}
  const capture = (name: string) => (handler: Handler) => {
    handlers[name] = handler
  }
  const session = {
    setPermissionRequestHandler: capture('request'),
    setPermissionCheckHandler: capture('check'),
    setDevicePermissionHandler: capture('device'),
    setDisplayMediaRequestHandler: capture('displayMedia')
  }
  denyAllPermissions(session as unknown as Session)
  return handlers
}

describe('permission handlers', () => {
  const names = permissionNames()

  it('reads the permission names from the typings', () => {
    expect(names.length).toBeGreaterThan(30)
    expect(names).toEqual(expect.arrayContaining(['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read', 'unknown']))
  })

  it('installs all four handlers', () => {
    expect(Object.keys(captureHandlers()).sort()).toEqual(['check', 'device', 'displayMedia', 'request'])
  })

  it.each(names)('denies %s on request and on check', (permission) => {
    const handlers = captureHandlers()
    const callback = vi.fn()
    handlers['request']?.({}, permission, callback, {})
    expect(callback).toHaveBeenCalledExactlyOnceWith(false)
    expect(handlers['check']?.(null, permission, 'app://bundle', {})).toBe(false)
  })

  it('denies every device and any screen capture', () => {
    const handlers = captureHandlers()
    for (const deviceType of ['hid', 'serial', 'usb']) {
      expect(handlers['device']?.({ deviceType, origin: 'app://bundle', device: {} })).toBe(false)
    }
    const callback = vi.fn()
    handlers['displayMedia']?.({ securityOrigin: 'app://bundle', videoRequested: true, audioRequested: true }, callback)
    expect(callback).toHaveBeenCalledExactlyOnceWith(null)
  })
})
