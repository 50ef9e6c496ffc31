import { EventEmitter } from 'node:events'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { WebContents } from 'electron'

const fake = await vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron())
vi.mock('electron', () => fake.module)

const { lockNavigation } = await import('../../../src-main/electron/navigation.ts')
const { isAppUrl } = await import('../../../src-main/electron/app-origin.ts')

type OpenHandler = (details: { url: string }) => { action: string }

/** A WebContents reduced to what the lock touches: events plus the window-open handler. */
function fakeContents() {
  const emitter = new EventEmitter()
  let openHandler: OpenHandler = () => ({ action: 'unset' })
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: OpenHandler) => {
      openHandler = handler
    }
  })
  const openExternal = vi.fn()
  lockNavigation(contents as unknown as WebContents, openExternal)
  /** Emits a navigation event; true when the page was allowed to go there. */
  const navigate = (event: string, url: string): boolean => {
    const preventDefault = vi.fn()
    emitter.emit(event, { url, preventDefault })
    return preventDefault.mock.calls.length === 0
  }
  return { navigate, openExternal, open: (url: string) => openHandler({ url }), emitter }
}

const NAVIGATION_EVENTS = ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const

const HOSTILE = [
  'app://bundle.evil/',
  'app://bundle.evil/index.html',
  'app://evil/',
  'app://bundle:8080/',
  'app://user@bundle/',
  'https://cloud.zilliz.com.evil.com',
  'http://127.0.0.1:5173/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'not a url',
  ''
]

describe('navigation lock', () => {
  it.each(NAVIGATION_EVENTS)('%s stays within app://bundle', (event) => {
    const { navigate } = fakeContents()
    expect(navigate(event, 'app://bundle/')).toBe(true)
    expect(navigate(event, 'app://bundle/#/notifications?focus=1')).toBe(true)
    for (const url of [...HOSTILE, 'https://cloud.zilliz.com/']) expect(navigate(event, url), url).toBe(false)
  })

  it('prevents every web URL (property)', () => {
    const { navigate } = fakeContents()
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom(...NAVIGATION_EVENTS), (url, event) => {
        expect(navigate(event, url)).toBe(false)
      })
    )
  })

  it('agrees with the parsed origin for arbitrary app-like URLs (property)', () => {
    const { navigate } = fakeContents()
    const host = fc.constantFrom('bundle', 'bundle.evil', 'evil.bundle', 'BUNDLE', 'bundle.', 'bund1e')
    fc.assert(
      fc.property(host, fc.webPath(), (h, path) => {
        const url = `app://${h}${path}`
        const parsed = new URL(url)
        const expected = parsed.protocol === 'app:' && parsed.hostname === 'bundle' && parsed.port === ''
        expect(navigate('will-navigate', url)).toBe(expected)
        expect(isAppUrl(url)).toBe(expected)
      })
    )
  })

  it('denies every popup and sends only allowlisted links to the browser', () => {
    const { open, openExternal } = fakeContents()
    expect(open('https://docs.zilliz.com/docs/backup')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.zilliz.com/docs/backup')
    for (const url of HOSTILE) expect(open(url)).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledOnce()
  })

  it('hands an allowlisted link the user followed to the browser instead of navigating', () => {
    const { navigate, openExternal } = fakeContents()
    expect(navigate('will-navigate', 'https://cloud.zilliz.com/orgs')).toBe(false)
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://cloud.zilliz.com/orgs')
    expect(navigate('will-redirect', 'https://docs.zilliz.com/')).toBe(false)
    expect(openExternal).toHaveBeenCalledOnce()
  })

  it('never attaches a webview', () => {
    const { emitter } = fakeContents()
    const preventDefault = vi.fn()
    emitter.emit('will-attach-webview', { preventDefault }, {}, {})
    expect(preventDefault).toHaveBeenCalledOnce()
  })
})
