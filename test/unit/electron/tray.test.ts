import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import type { WatchSummary } from '#core/notify/notifier'

const fake = await vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron())
vi.mock('electron', () => fake.module)

const { buildTrayMenuTemplate, createTray, EMPTY_SUMMARY, trayIconName, trayTooltip } = await import('../../../src-main/electron/tray.ts')

function actions() {
  return { openWindow: vi.fn(), openNotification: vi.fn(), syncNow: vi.fn(), setCloseToTray: vi.fn(), quit: vi.fn() }
}

const BUSY: WatchSummary = {
  unread: 7,
  level: 'critical',
  isOffline: false,
  nextWindows: [
    { clusterId: 'c1', clusterName: 'prod-eu', start: '2026-11-24T02:00:00.000Z' },
    { clusterId: 'c2', clusterName: 'prod-us', start: '2026-11-24T06:00:00.000Z' },
    { clusterId: 'c3', clusterName: 'stage', start: '2026-11-25T02:00:00.000Z' },
    { clusterId: 'c4', clusterName: 'dev', start: '2026-11-26T02:00:00.000Z' }
  ],
  unreadTitles: Array.from({ length: 7 }, (_, i) => ({ id: `n${i}`, title: `Backup missed on cluster ${i}`, clusterId: `c${i}` })),
  health: { worst: 'failing', failing: 2, warning: 1, pending: 0 }
}

const labels = (items: MenuItemConstructorOptions[]) => items.map((item) => item.type === 'separator' ? '---' : item.label)
const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((item) => item.label === label)

describe('tray menu template', () => {
  it('shows a quiet state', () => {
    expect(labels(buildTrayMenuTemplate(EMPTY_SUMMARY, actions(), { closeToTray: true }))).toEqual([
      'No unread alerts',
      '---',
      'No backup windows ahead',
      '---',
      'Sync now',
      'Open Backup Desk',
      'Keep watching when the window is closed',
      '---',
      'Quit Backup Desk'
    ])
  })

  it('lists up to five unread alerts and three next windows, in UTC', () => {
    const items = buildTrayMenuTemplate(BUSY, actions(), { closeToTray: true })
    expect(labels(items)).toEqual([
      '2 clusters failing, 1 cluster with warnings',
      '7 unread alerts',
      'Backup missed on cluster 0',
      'Backup missed on cluster 1',
      'Backup missed on cluster 2',
      'Backup missed on cluster 3',
      'Backup missed on cluster 4',
      '---',
      'Next backup windows',
      'prod-eu: Tue 02:00 UTC',
      'prod-us: Tue 06:00 UTC',
      'stage: Wed 02:00 UTC',
      '---',
      'Sync now',
      'Open Backup Desk',
      'Keep watching when the window is closed',
      '---',
      'Quit Backup Desk'
    ])
  })

  it('routes each click to its action', () => {
    const act = actions()
    const items = buildTrayMenuTemplate({ ...BUSY, unread: 1, unreadTitles: BUSY.unreadTitles.slice(0, 1) }, act, { closeToTray: true })
    const click = (label: string) => {
      const item = byLabel(items, label)
      ;(item?.click as (() => void) | undefined)?.()
    }
    click('Backup missed on cluster 0')
    click('Sync now')
    click('Open Backup Desk')
    click('Keep watching when the window is closed')
    click('Quit Backup Desk')
    expect(act.openNotification).toHaveBeenCalledExactlyOnceWith('n0')
    expect(act.syncNow).toHaveBeenCalledOnce()
    expect(act.openWindow).toHaveBeenCalledOnce()
    expect(act.setCloseToTray).toHaveBeenCalledExactlyOnceWith(false)
    expect(act.quit).toHaveBeenCalledOnce()
    expect(byLabel(items, '1 unread alert')).toBeDefined()
  })

  it('reflects the close-to-tray setting and the offline state', () => {
    const items = buildTrayMenuTemplate({ ...EMPTY_SUMMARY, isOffline: true }, actions(), { closeToTray: false })
    expect(items[0]).toEqual({ label: 'Offline: showing cached data', enabled: false })
    expect(byLabel(items, 'Sync now')?.enabled).toBe(false)
    expect(byLabel(items, 'Keep watching when the window is closed')).toMatchObject({ type: 'checkbox', checked: false })
  })

  it('picks the icon from the level and theme, and a tooltip from the summary', () => {
    expect(trayIconName('ok', false)).toBe('tray-light')
    expect(trayIconName('ok', true)).toBe('tray-dark')
    expect(trayIconName('warning', true)).toBe('tray-alert')
    expect(trayIconName('critical', false)).toBe('tray-alert')
    expect(trayTooltip(BUSY)).toBe('Backup Desk · 2 clusters failing, 1 cluster with warnings · 7 unread · next window Tue 02:00 UTC')
    expect(trayTooltip({ ...EMPTY_SUMMARY, isOffline: true })).toBe('Backup Desk · offline')
  })
})

describe('tray controller', () => {
  it('updates icon, tooltip and menu when the summary changes', () => {
    const tray = createTray({ resourcesDir: '/res', actions: actions(), isDarkTheme: () => true, closeToTray: () => true })
    const instance = fake.module.Tray.instances.at(-1)!
    tray.setSummary(BUSY)
    expect(instance.setImage).toHaveBeenLastCalledWith({ path: '/res/tray-alert.png' })
    expect(instance.setToolTip).toHaveBeenLastCalledWith(trayTooltip(BUSY))
    const template = fake.module.Menu.buildFromTemplate.mock.lastCall?.[0] as MenuItemConstructorOptions[]
    expect(template[0]?.label).toBe('2 clusters failing, 1 cluster with warnings')
    tray.destroy()
    expect(instance.destroy).toHaveBeenCalledOnce()
  })
})
