/** The renderer's only origin: served by `protocol.ts`, trusted by `ipc.ts` and `navigation.ts`. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'bundle'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/`

/**
 * True only for `app://bundle/...`. Parsed as a URL (`URL.parse`), never compared by prefix, so
 * `app://bundle.evil/` and `app://bundle@evil/` fail. Node reports `origin === 'null'` for custom
 * schemes, hence the field-by-field check.
 */
export function isAppUrl(raw: string): boolean {
  const url = URL.parse(raw)
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  )
}

/**
 * Where an OS-notification click lands: the renderer's hash router (`#/notifications?focus=<id>`).
 * Loading it into a window already showing the app is a same-document fragment navigation, so the
 * page is not reloaded and only `hashchange` fires.
 */
export function notificationRoute(notificationId: string): string {
  return `${APP_ENTRY_URL}#/notifications?${new URLSearchParams({ focus: notificationId }).toString()}`
}
