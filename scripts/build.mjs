// npm run build [-- --if-stale]: the renderer, Electron's main and preload (electron-vite) and the Node entry
// points (node.vite.config.mts → out/node/*.mjs). With --if-stale (npm start, npm run web) it builds only when a
// source changed since the last successful build, so a start without changes goes straight to launching.
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT, bin, runQuietly } from './run-tool.mjs'

const STAMP = join(ROOT, 'out', '.build-stamp')
/** What a build reads: a change to any of these makes the output stale. */
const INPUTS = ['src-main', 'src-renderer', 'resources', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'node.vite.config.mts', 'tsconfig.json']
/** What a build writes: a missing one makes the output stale too. */
const OUTPUTS = ['out/renderer/index.html', 'out/main/main.js', 'out/preload/preload.cjs', 'out/node/host.mjs', 'out/node/cli.mjs']

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

export function isBuildStale() {
  if (!existsSync(STAMP) || OUTPUTS.some((file) => !existsSync(join(ROOT, file)))) return true
  const built = statSync(STAMP).mtimeMs
  return INPUTS.some((input) => newestMtime(join(ROOT, input)) > built)
}

/**
 * Builds everything; the stamp carries the time the build started, so an edit made during it counts as new.
 * `progress` is where the step names go (the CLI passes stderr: its standard output is the command's answer).
 */
export function build(progress = process.stdout) {
  const startedAt = new Date()
  const ok =
    runQuietly('Building the app', bin('electron-vite'), ['build', '--logLevel', 'error'], progress) &&
    runQuietly('Building the Node entry points', bin('vite'), ['build', '--config', 'node.vite.config.mts', '--logLevel', 'error'], progress)
  if (ok) {
    writeFileSync(STAMP, `${startedAt.toISOString()}\n`)
    utimesSync(STAMP, startedAt, startedAt)
  }
  return ok
}

/** True when the output is current afterwards (built now, or already fresh). */
export function buildIfStale(progress = process.stdout) {
  return isBuildStale() ? build(progress) : true
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ok = process.argv.includes('--if-stale') ? buildIfStale() : build()
  process.exit(ok ? 0 : 1)
}
