// npm run build [-- --if-stale]: the renderer, Electron's main and preload (electron-vite), the Node entry
// points (node.vite.config.mts → out/node/*.mjs) and the host's first paint (first-paint.vite.config.mts →
// out/first-paint). With --if-stale (npm start, npm run web) it builds only when a
// source changed since the last successful build, so a start without changes goes straight to launching.
import { utimesSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { isBuildStale, STAMP } from './build-stamp.mjs'
import { bin, runQuietly } from './run-tool.mjs'

export { isBuildStale } from './build-stamp.mjs'

/**
 * Builds everything; the stamp carries the time the build started, so an edit made during it counts as new.
 * `progress` is where the step names go (the CLI passes stderr: its standard output is the command's answer).
 */
export function build(progress = process.stdout) {
  const startedAt = new Date()
  const ok =
    runQuietly('Building the app', bin('electron-vite'), ['build', '--logLevel', 'error'], progress) &&
    runQuietly('Building the Node entry points', bin('vite'), ['build', '--config', 'node.vite.config.mts', '--logLevel', 'error'], progress) &&
    runQuietly("Building the host's first paint", bin('vite'), ['build', '--config', 'first-paint.vite.config.mts', '--logLevel', 'error'], progress)
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
