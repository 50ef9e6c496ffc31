import type { WebContents } from 'electron'
import { isAppUrl } from './app-origin.ts'
import { isAllowedExternalUrl } from './open-external.ts'

type NavigationEvent = { url: string; preventDefault(): void }

/** Receives allowlisted `https:` links the page tried to open; main passes `safeOpenExternal`. */
export type ExternalLinkSink = (url: string) => void

/**
 * Keeps a WebContents on `app://bundle` (docs/reliability.md#r4): navigations and redirects elsewhere are
 * prevented, popups are always denied, `<webview>` never attaches. An allowlisted link the user
 * clicked goes to the system browser instead (docs/reliability.md#r5). Attached to every WebContents from
 * `app.on('web-contents-created')`, so windows created later are covered too.
 */
export function lockNavigation(contents: WebContents, openExternal: ExternalLinkSink): void {
  const stayInApp = (event: NavigationEvent): boolean => {
    if (isAppUrl(event.url)) return true
    event.preventDefault()
    return false
  }
  contents.on('will-navigate', (event) => {
    if (!stayInApp(event) && isAllowedExternalUrl(event.url)) openExternal(event.url)
  })
  contents.on('will-frame-navigate', (event) => {
    stayInApp(event)
  })
  contents.on('will-redirect', (event) => {
    stayInApp(event)
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}
