// npm start / npm run demo: the Electron app where its binary exists, else the browser host.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { electronBinaryPath } from './electron-binary.mjs'
import { buildIfStale } from './build.mjs'
import { ROOT, runForeground, runQuietly } from './run-tool.mjs'

const args = process.argv.slice(2)
// The demo keeps its data in a throwaway folder, away from your real connections.
if (args.includes('--demo') && !args.includes('--data-dir')) {
  args.push('--data-dir', mkdtempSync(join(tmpdir(), 'backup-desk-demo-')))
}

const electron = electronBinaryPath()
if (electron === null) {
  process.stdout.write(
    "Electron's binary is not installed on this machine (it could not be downloaded), so Backup Desk runs in your browser instead.\n"
  )
  runForeground(process.execPath, [join(ROOT, 'scripts', 'web.mjs'), ...args])
} else {
  if (!runQuietly('Preparing native modules for Electron', process.execPath, [join(ROOT, 'scripts', 'ensure-native.mjs'), 'electron'])) process.exit(1)
  if (!buildIfStale()) process.exit(1)
  runForeground(electron, ['.', ...args])
}
