import type { Session } from 'electron'

/**
 * Denies every permission, device and screen-capture request (docs/reliability.md#r6). The app needs
 * none of them; OS notifications come from the main process, not from the page.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => {
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.setDisplayMediaRequestHandler((_request, callback) => {
    callback(null)
  })
}
