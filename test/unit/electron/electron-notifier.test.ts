import { describe, expect, it, vi } from 'vitest'
import type { Notification } from '#contract/models/notification'

const fake = await vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron())
vi.mock('electron', () => fake.module)

const { createElectronNotifier, notificationText } = await import('../../../src-main/electron/electron-notifier.ts')
const { notificationRoute } = await import('../../../src-main/electron/app-origin.ts')

const NOTICE: Notification = {
  id: 'ntf 1&2',
  kind: 'missed',
  clusterId: 'c1',
  slot: '2026-11-24T02:00:00.000Z',
  title: 'Backup missed on <b>prod</b>',
  body: 'No AUTO backup appeared in the 02:00–04:00 UTC window.',
  severity: 'critical',
  createdAt: '2026-11-24T06:00:00.000Z',
  read: false
}

describe('Electron notifier', () => {
  it('shows an OS notification and opens the app on that notice when clicked', () => {
    const openNotification = vi.fn()
    const notifier = createElectronNotifier({ setSummary: vi.fn(), openNotification, platform: 'linux' })
    notifier.show(NOTICE)
    const shown = fake.module.Notification.instances.at(-1)!
    expect(shown.options).toMatchObject({ title: 'Backup missed on &lt;b&gt;prod&lt;/b&gt;', urgency: 'critical' })
    expect(shown.show).toHaveBeenCalledOnce()
    shown.emit('click')
    expect(openNotification).toHaveBeenCalledExactlyOnceWith('ntf 1&2')
  })

  it('does nothing where notifications are unsupported, and passes summaries to the tray', () => {
    fake.module.Notification.isSupported.mockReturnValueOnce(false)
    const setSummary = vi.fn()
    const notifier = createElectronNotifier({ setSummary, openNotification: vi.fn(), platform: 'darwin' })
    const before = fake.module.Notification.instances.length
    notifier.show(NOTICE)
    expect(fake.module.Notification.instances).toHaveLength(before)
    const summary = { unread: 0, level: 'ok', isOffline: false, nextWindows: [], unreadTitles: [] } as const
    notifier.setSummary({ ...summary, nextWindows: [], unreadTitles: [], health: { worst: 'ok', failing: 0, warning: 0, pending: 0 } })
    expect(setSummary).toHaveBeenCalledOnce()
  })

  it('escapes markup only where the desktop would render it', () => {
    expect(notificationText('a <i>&</i>', 'linux')).toBe('a &lt;i&gt;&amp;&lt;/i&gt;')
    expect(notificationText('a <i>&</i>', 'win32')).toBe('a <i>&</i>')
  })

  it('routes a click to the notifications screen through the hash router', () => {
    expect(notificationRoute('ntf 1&2')).toBe('app://bundle/#/notifications?focus=ntf+1%262')
  })
})
