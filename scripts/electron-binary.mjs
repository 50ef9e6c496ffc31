// Finds the Electron executable WITHOUT `require('electron')`: under Node that module downloads the
// binary on first use (electron >= 42), which fails on offline machines with a stack trace.
// Used by `npm start` (fall back to the browser host) and the Playwright `electron` project (skip).
// CLI: `node scripts/electron-binary.mjs` prints the path, or one line and exit 1.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)

/** The Electron executable's path, or null when there is none on this machine. */
export function electronBinaryPath(env = process.env) {
  let electronDir
  try {
    electronDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const override = env.ELECTRON_OVERRIDE_DIST_PATH
  if (override !== undefined && override !== '') {
    const candidate = join(override, relative === '' ? 'electron' : relative)
    return existsSync(candidate) ? candidate : null
  }
  if (relative === '') return null
  const candidate = join(electronDir, 'dist', relative)
  return existsSync(candidate) ? candidate : null
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const found = electronBinaryPath()
  if (found === null) {
    console.error('electron-binary: no Electron binary on this machine (offline install); it is fetched on first `npx electron` where electronjs.org is reachable.')
    process.exit(1)
  }
  console.log(found)
}
