// npm start / npm run demo: the Electron app where its binary exists, else the browser host.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, bin, runForeground, runQuietly } from './run-tool.mjs'

const args = process.argv.slice(2)

/** The Electron binary's path, found without triggering electron's lazy download. */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const electron = electronBinary()
if (electron === null) {
  process.stdout.write(
    "Electron's binary is not installed on this machine (it could not be downloaded), so Backup Desk runs in your browser instead.\n"
  )
  runForeground(process.execPath, [join(ROOT, 'scripts', 'web.mjs'), ...args])
} else {
  if (!runQuietly('Preparing native modules for Electron', process.execPath, [join(ROOT, 'scripts', 'ensure-native.mjs'), 'electron'])) process.exit(1)
  if (!runQuietly('Building the app', bin('electron-vite'), ['build', '--logLevel', 'error'])) process.exit(1)
  runForeground(electron, ['.', ...args])
}
