// Whether the build output is older than its sources (scripts/build.mjs builds; this only looks). Kept apart from
// build.mjs, which loads child_process and the tool runner: bin/backup-desk.mjs asks this at every CLI start, and
// loads the builder only when something changed (bench/cli-start.bench.ts counts this check in the CLI's start).
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
export const STAMP = join(ROOT, 'out', '.build-stamp')
/** What a build reads: a change to any of these makes the output stale. */
export const INPUTS = ['src-main', 'src-renderer', 'resources', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'node.vite.config.mts', 'tsconfig.json']
/** What a build writes: a missing one makes the output stale too. */
export const OUTPUTS = ['out/renderer/index.html', 'out/main/main.js', 'out/preload/preload.cjs', 'out/node/host.mjs', 'out/node/cli.mjs']

/**
 * True when anything under `path` (the path itself, each folder, each file) changed after `since` (ms). It stops at
 * the first newer entry, and a folder's own time counts, so a deleted or renamed file makes the output stale too.
 */
function changedSince(path, since) {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (stat === undefined) return false
  if (stat.mtimeMs > since) return true
  if (!stat.isDirectory()) return false
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name)
    if (entry.isDirectory() ? changedSince(child, since) : (statSync(child, { throwIfNoEntry: false })?.mtimeMs ?? 0) > since) return true
  }
  return false
}

export function isBuildStale() {
  const stamp = statSync(STAMP, { throwIfNoEntry: false })
  if (stamp === undefined || OUTPUTS.some((file) => statSync(join(ROOT, file), { throwIfNoEntry: false }) === undefined)) return true
  return INPUTS.some((input) => changedSince(join(ROOT, input), stamp.mtimeMs))
}
