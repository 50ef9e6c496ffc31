import { describe, expect, it } from 'vitest'
import { keepFirstPaintCookie } from '../../../src-renderer/first-paint/first-paint-in-page.ts'

/** A window's parts the cookie follows: its address, its hashchange events and its document's cookie. */
function fakeWindow(hash: string, setCookie: (value: string) => void) {
  const events = new EventTarget()
  const location = { hash }
  const document = {} as Document
  Object.defineProperty(document, 'cookie', { set: setCookie })
  const target = {
    location,
    document,
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events)
  } as unknown as Window
  const go = (next: string): void => {
    location.hash = next
    events.dispatchEvent(new Event('hashchange'))
  }
  return { target, go }
}

describe('the first paint cookie (contract/first-paint.ts, FIRST_PAINT_COOKIE)', () => {
  it('says whether the window is on the Fleet’s list, now and after each change of address, until stopped', () => {
    const written: string[] = []
    const { target, go } = fakeWindow('#/fleet', (value) => written.push(value))
    const stop = keepFirstPaintCookie(target)
    go('#/timeline')
    go('#/fleet?cluster=in01-1')
    go('')
    stop()
    go('#/backups')
    expect(written.map((cookie) => cookie.split(';')[0])).toEqual(['backup_desk_fleet_list=1', 'backup_desk_fleet_list=0', 'backup_desk_fleet_list=0', 'backup_desk_fleet_list=1'])
    expect(written[0]).toContain('Path=/')
  })

  it('a document that may keep no cookie throws nothing: the app runs on, with a first paint on every page as before', () => {
    const { target, go } = fakeWindow('#/fleet', () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError')
    })
    expect(() => keepFirstPaintCookie(target)).not.toThrow()
    expect(() => go('#/timeline')).not.toThrow()
  })
})
