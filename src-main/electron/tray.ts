import { join } from 'node:path'
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron'
import type { WatchSummary } from '#core/notify/notifier'

export type TrayActions = {
  openWindow(): void
  openNotification(id: string): void
  syncNow(): void
  setCloseToTray(enabled: boolean): void
  quit(): void
}

export type TrayIconName = 'tray-light' | 'tray-dark' | 'tray-alert'

export const EMPTY_SUMMARY: Readonly<WatchSummary> = Object.freeze<WatchSummary>({
  unread: 0,
  level: 'ok',
  isOffline: false,
  nextWindows: [],
  unreadTitles: [],
  health: { worst: 'unknown', failing: 0, warning: 0, pending: 0 }
})

const MAX_WINDOWS = 3
const MAX_ALERTS = 5

/** Fixed locale and UTC so the menu reads the same on every machine (the app shows local time). */
const windowTime = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC'
})

function formatStart(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : `${windowTime.format(date)} UTC`
}

/** The tray menu as data, so every branch is unit-tested without Electron. */
export function buildTrayMenuTemplate(
  summary: WatchSummary,
  actions: TrayActions,
  options: { closeToTray: boolean }
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = []
  if (summary.isOffline) items.push({ label: 'Offline: showing cached data', enabled: false })
  const healthLine = healthText(summary.health)
  if (healthLine !== null) items.push({ label: healthLine, enabled: false })

  items.push({ label: summary.unread === 0 ? 'No unread alerts' : `${summary.unread} unread alert${summary.unread === 1 ? '' : 's'}`, enabled: false })
  for (const alert of summary.unreadTitles.slice(0, MAX_ALERTS)) {
    items.push({ label: alert.title, click: () => { actions.openNotification(alert.id) } })
  }

  items.push({ type: 'separator' })
  if (summary.nextWindows.length === 0) {
    items.push({ label: 'No backup windows ahead', enabled: false })
  } else {
    items.push({ label: 'Next backup windows', enabled: false })
    for (const window of summary.nextWindows.slice(0, MAX_WINDOWS)) {
      items.push({ label: `${window.clusterName}: ${formatStart(window.start)}`, enabled: false })
    }
  }

  items.push(
    { type: 'separator' },
    { label: 'Sync now', enabled: !summary.isOffline, click: () => { actions.syncNow() } },
    { label: 'Open Backup Desk', click: () => { actions.openWindow() } },
    {
      label: 'Keep watching when the window is closed',
      type: 'checkbox',
      checked: options.closeToTray,
      click: () => { actions.setCloseToTray(!options.closeToTray) }
    },
    { type: 'separator' },
    { label: 'Quit Backup Desk', click: () => { actions.quit() } }
  )
  return items
}

/** Any unread warning or worse shows the alert icon; otherwise the glyph that suits the menu bar. */
export function trayIconName(level: WatchSummary['level'], isDarkTheme: boolean): TrayIconName {
  if (level !== 'ok') return 'tray-alert'
  return isDarkTheme ? 'tray-dark' : 'tray-light'
}

export function trayTooltip(summary: WatchSummary): string {
  const parts = ['Backup Desk']
  if (summary.isOffline) parts.push('offline')
  const healthLine = healthText(summary.health)
  if (healthLine !== null) parts.push(healthLine)
  if (summary.unread > 0) parts.push(`${summary.unread} unread`)
  const next = summary.nextWindows[0]
  if (next !== undefined) parts.push(`next window ${formatStart(next.start)}`)
  return parts.join(' · ')
}

/** The clusters that need attention, worst first, as the Fleet's health column counts them. */
export function healthText(health: WatchSummary['health']): string | null {
  const plural = (n: number): string => `${n} cluster${n === 1 ? '' : 's'}`
  const parts = [
    health.failing > 0 ? `${plural(health.failing)} failing` : null,
    health.warning > 0 ? `${plural(health.warning)} with warnings` : null
  ].filter((p): p is string => p !== null)
  return parts.length === 0 ? null : parts.join(', ')
}

export type TrayController = {
  setSummary(summary: WatchSummary): void
  /** Re-renders with the last summary (after a theme or setting change). */
  refresh(): void
  destroy(): void
}

/** The system tray: icon, tooltip and menu follow the core's WatchSummary. */
export function createTray(deps: {
  resourcesDir: string
  actions: TrayActions
  isDarkTheme: () => boolean
  closeToTray: () => boolean
}): TrayController {
  const icon = (name: TrayIconName) => nativeImage.createFromPath(join(deps.resourcesDir, `${name}.png`))
  let summary: WatchSummary = EMPTY_SUMMARY
  const tray = new Tray(icon(trayIconName(summary.level, deps.isDarkTheme())))
  tray.on('click', () => { deps.actions.openWindow() })

  const render = (): void => {
    tray.setImage(icon(trayIconName(summary.level, deps.isDarkTheme())))
    tray.setToolTip(trayTooltip(summary))
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(summary, deps.actions, { closeToTray: deps.closeToTray() })))
  }
  render()
  return {
    setSummary(next) {
      summary = next
      render()
    },
    refresh: render,
    destroy: () => { tray.destroy() }
  }
}
