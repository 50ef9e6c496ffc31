// Whether the build output is older than its sources (scripts/build.mjs builds; this only looks). Kept apart from
// build.mjs, which loads child_process and the tool runner: bin/backup-desk.mjs asks this at every CLI start while
// the compiled CLI loads, and loads the builder only when something changed (bench/cli-start.bench.ts).
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
export const STAMP = join(ROOT, 'out', '.build-stamp')
/** What a build reads: a change to any of these makes the output stale. */
export const INPUTS = ['src-main', 'src-renderer', 'resources', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'node.vite.config.mts', 'first-paint.vite.config.mts', 'tsconfig.json']
/**
 * What the command line's bundle (out/node/backup-desk.mjs) is built from: bin/backup-desk.mjs asks about these alone,
 * half the files of INPUTS, as a change to the renderer or the Electron shell leaves the CLI as it was.
 */
export const CLI_INPUTS = ['src-main/cli', 'src-main/core', 'src-main/contract', 'package.json', 'package-lock.json', 'node.vite.config.mts', 'tsconfig.json']
/** What a build writes: a missing one makes the output stale too. */
export const OUTPUTS = ['out/renderer/index.html', 'out/main/main.js', 'out/preload/preload.cjs', 'out/node/host.mjs', 'out/node/backup-desk.mjs', 'out/first-paint/render-first-paint.mjs']

/**
 * True when anything under `path` (the path itself, each folder, each file) changed after `since` (ms). It stops at
 * the first newer entry, and a folder's own time counts, so a deleted or renamed file makes the output stale too.
 * Synchronous on purpose: a few hundred stats cost the main thread less than as many promises (measured).
 */
function changedSince(path, since) {
  const info = statSync(path, { throwIfNoEntry: false })
  if (info === undefined) return false
  if (info.mtimeMs > since) return true
  if (!info.isDirectory()) return false
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name)
    if (entry.isDirectory() ? changedSince(child, since) : (statSync(child, { throwIfNoEntry: false })?.mtimeMs ?? 0) > since) return true
  }
  return false
}

/** True when an output is missing or a file under `inputs` is newer than the last successful build. */
export function isBuildStale(inputs = INPUTS) {
  const stamp = statSync(STAMP, { throwIfNoEntry: false })
  if (stamp === undefined || OUTPUTS.some((file) => statSync(join(ROOT, file), { throwIfNoEntry: false }) === undefined)) return true
  return inputs.some((input) => changedSince(join(ROOT, input), stamp.mtimeMs))
}
