import { join } from 'node:path'

/**
 * Locations inside the app, relative to `app.getAppPath()` (the project root in development, the
 * asar archive once packaged). electron-vite writes `out/{main,preload,renderer}` (the renderer's root:
 * core/security/renderer-files.ts, `builtRendererRoot`, which the browser host uses too).
 */
export function preloadPath(appPath: string): string {
  return join(appPath, 'out', 'preload', 'preload.cjs')
}

/**
 * Icons are unpacked from the asar (electron-builder `asarUnpack`): the Linux tray hands a file
 * path to the desktop's StatusNotifier host, which cannot read inside an archive.
 */
export function resourcesDir(appPath: string, isPackaged: boolean): string {
  const base = isPackaged ? appPath.replace(/app\.asar$/, 'app.asar.unpacked') : appPath
  return join(base, 'resources')
}
