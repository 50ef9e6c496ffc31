import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Settings that only the desktop shell knows about. They live next to the database but outside
 * the core, because the browser host has no window to close and no tray.
 */
export type DesktopSettings = {
  /** Closing the window hides it to the tray so the scheduler keeps watching (default on). */
  closeToTray: boolean
}

export const DEFAULT_DESKTOP_SETTINGS: Readonly<DesktopSettings> = Object.freeze({ closeToTray: true })

export function desktopSettingsPath(dataDir: string): string {
  return join(dataDir, 'desktop-settings.json')
}

/** A missing or unreadable file yields the defaults: a broken settings file must not stop the app. */
export function readDesktopSettings(dataDir: string): DesktopSettings {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(desktopSettingsPath(dataDir), 'utf8'))
  } catch {
    return { ...DEFAULT_DESKTOP_SETTINGS }
  }
  const closeToTray =
    typeof raw === 'object' && raw !== null && 'closeToTray' in raw ? raw.closeToTray : undefined
  return { closeToTray: typeof closeToTray === 'boolean' ? closeToTray : DEFAULT_DESKTOP_SETTINGS.closeToTray }
}

export function writeDesktopSettings(dataDir: string, settings: DesktopSettings): void {
  writeFileSync(desktopSettingsPath(dataDir), JSON.stringify(settings, null, 2) + '\n')
}
