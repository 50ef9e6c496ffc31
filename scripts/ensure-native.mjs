// Makes sure better-sqlite3 is compiled for the runtime about to load it (Node and Electron have different native
// ABIs, and an addon built for one fails to load in the other):
//   node scripts/ensure-native.mjs node      before the tests (Node 20, ABI 115)
//   node scripts/ensure-native.mjs electron  before `npm start` / packaging (Electron 45, ABI 150)
// Both share node_modules/better-sqlite3/build, so switching runtimes means rebuilding. A marker file
// next to the addon records which runtime it was built for. Failures print one line and exit 1.
// keytar is N-API and needs no rebuild.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')
const MODULE = 'better-sqlite3'
const MODULE_DIR = join(ROOT, 'node_modules', MODULE)
const BUILD_DIR = join(MODULE_DIR, 'build')
const ADDON = join(BUILD_DIR, 'Release', 'better_sqlite3.node')
const MARKER = join(BUILD_DIR, 'Release', '.backup-desk-runtime.json')
const HEADER_URL = process.env.ELECTRON_REBUILD_DIST_URL ?? 'https://www.electronjs.org/headers'

function done(message) {
  console.log(`ensure-native: ${message}`)
  process.exit(0)
}

function fail(message) {
  console.error(`ensure-native: ${message}`)
  process.exit(1)
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(MARKER, 'utf8'))
  } catch {
    return null
  }
}

function writeMarker(marker) {
  writeFileSync(MARKER, JSON.stringify(marker) + '\n')
}

/** Loads the addon in a child Node: a wrong ABI throws there, a crash (segfault) cannot take us down. */
function loadsInNode() {
  const probe = `const D = require(${JSON.stringify(MODULE)}); new D(':memory:').prepare('select 1').get()`
  return spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, stdio: 'ignore' }).status === 0
}

function ensureNode() {
  const marker = { runtime: 'node', version: process.versions.node, abi: process.versions.modules }
  if (loadsInNode()) {
    writeMarker(marker)
    done(`${MODULE} loads in Node ${marker.version} (ABI ${marker.abi}).`)
  }
  console.log(`ensure-native: rebuilding ${MODULE} for Node ${marker.version} (ABI ${marker.abi})…`)
  const rebuilt = spawnSync('npm', ['rebuild', MODULE], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  if (rebuilt.status !== 0 || !loadsInNode()) {
    const last = (rebuilt.stderr ?? '').trim().split('\n').filter((line) => /error/i.test(line)).pop() ?? 'see `npm rebuild better-sqlite3`'
    fail(`could not build ${MODULE} for Node ${marker.version}: ${last.trim()}`)
  }
  writeMarker(marker)
  done(`${MODULE} rebuilt for Node ${marker.version} (ABI ${marker.abi}).`)
}

/** Headers already in @electron/rebuild's cache, or reachable: checked before anything is touched. */
async function headersReason(version) {
  if (existsSync(join(homedir(), '.electron-gyp', version, 'include', 'node'))) return null
  const url = `${HEADER_URL}/v${version}/node-v${version}-headers.tar.gz`
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) })
    return response.ok ? null : `HTTP ${response.status} from ${new URL(url).host}`
  } catch (error) {
    const cause = error?.cause?.code ?? error?.cause?.message ?? error?.name ?? 'network error'
    return `${new URL(url).host} unreachable (${cause})`
  }
}

async function ensureElectron() {
  const electronDir = join(ROOT, 'node_modules', 'electron')
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
  const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim()
  const marker = readMarker()
  if (existsSync(ADDON) && marker?.runtime === 'electron' && marker.version === version && marker.abi === abi) {
    done(`${MODULE} is already built for Electron ${version} (ABI ${abi}).`)
  }
  const reason = await headersReason(version)
  if (reason !== null) {
    fail(`cannot fetch Electron ${version} headers to rebuild ${MODULE} (${reason}); it stays built for Node. Run this where electronjs.org is reachable, or set ELECTRON_REBUILD_DIST_URL to a mirror.`)
  }
  // A failed rebuild may leave a half-cleaned build dir; keep the working Node build to restore.
  const backup = mkdtempSync(join(tmpdir(), 'ensure-native-'))
  cpSync(BUILD_DIR, join(backup, 'build'), { recursive: true })
  try {
    const { rebuild } = await import('@electron/rebuild')
    await rebuild({ buildPath: ROOT, electronVersion: version, onlyModules: [MODULE], force: true, headerURL: HEADER_URL })
    writeMarker({ runtime: 'electron', version, abi })
  } catch (error) {
    rmSync(BUILD_DIR, { recursive: true, force: true })
    cpSync(join(backup, 'build'), BUILD_DIR, { recursive: true })
    const first = String(error instanceof Error ? error.message : error).split('\n')[0]
    fail(`rebuilding ${MODULE} for Electron ${version} failed (${first}); the Node build was restored.`)
  } finally {
    rmSync(backup, { recursive: true, force: true })
  }
  done(`${MODULE} rebuilt for Electron ${version} (ABI ${abi}).`)
}

const runtime = process.argv[2]
if (runtime === 'node') ensureNode()
else if (runtime === 'electron') await ensureElectron()
else fail('usage: node scripts/ensure-native.mjs <node|electron>')
