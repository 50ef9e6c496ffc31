// Whether the build output is older than its sources (scripts/build.mjs builds; this only looks). Kept apart from
// build.mjs, which loads child_process and the tool runner: bin/backup-desk.mjs asks this at every CLI start while
// the compiled CLI loads, and loads the builder only when something changed (bench/cli-start.bench.ts).
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
export const STAMP = join(ROOT, 'out', '.build-stamp')
/** What a build reads: a change to any of these makes the output stale. */
export const INPUTS = ['src-main', 'src-renderer', 'resources', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'node.vite.config.mts', 'tsconfig.json']
/**
 * What the command line's bundle (out/node/backup-desk.mjs) is built from: bin/backup-desk.mjs asks about these alone,
 * half the files of INPUTS, as a change to the renderer or the Electron shell leaves the CLI as it was.
 */
export const CLI_INPUTS = ['src-main/cli', 'src-main/core', 'src-main/contract', 'package.json', 'package-lock.json', 'node.vite.config.mts', 'tsconfig.json']
/** What a build writes: a missing one makes the output stale too. */
export const OUTPUTS = ['out/renderer/index.html', 'out/main/main.js', 'out/preload/preload.cjs', 'out/node/host.mjs', 'out/node/backup-desk.mjs']

/** The file's modification time, or null when there is no such file. */
async function mtimeOf(path) {
  try {
    return (await stat(path)).mtimeMs
  } catch (error) {
    if (error.code === 'ENOENT') return null
    throw error
  }
}

/**
 * True when anything under `path` (the path itself, each folder, each file) changed after `since` (ms). A folder's
 * own time counts, so a deleted or renamed file makes the output stale too. The stats run on libuv's thread pool,
 * all at once: the CLI's modules load on the main thread meanwhile.
 */
async function changedSince(path, since) {
  const info = await stat(path).catch((error) => (error.code === 'ENOENT' ? null : Promise.reject(error)))
  if (info === null) return false
  if (info.mtimeMs > since) return true
  if (!info.isDirectory()) return false
  const changed = await Promise.all((await readdir(path)).map((entry) => changedSince(join(path, entry), since)))
  return changed.includes(true)
}

/** True when an output is missing or a file under `inputs` is newer than the last successful build. */
export async function isBuildStale(inputs = INPUTS) {
  const [built, ...outputs] = await Promise.all([STAMP, ...OUTPUTS.map((file) => join(ROOT, file))].map(mtimeOf))
  if (built === null || outputs.includes(null)) return true
  return (await Promise.all(inputs.map((input) => changedSince(join(ROOT, input), built)))).includes(true)
}
