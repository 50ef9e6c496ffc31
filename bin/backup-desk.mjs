#!/usr/bin/env node
// The `backup-desk` command (package.json "bin"). It runs the compiled entry (out/node/backup-desk.mjs, see
// node.vite.config.mts), so no TypeScript is compiled at launch. In a checkout (scripts/ is there) the output must be
// current: the compiled modules start loading first (they run nothing until main() is called), and while Node reads
// them scripts/build-stamp.mjs looks for a CLI source newer than the last build. A stale build is rebuilt, with the
// build's messages on stderr, and the fresh output loaded instead. An installed copy has no scripts/ and no check.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = join(import.meta.dirname, '..')
const compiled = pathToFileURL(join(root, 'out', 'node', 'backup-desk.mjs')).href

let loading = import(compiled)
// A missing or half-written old build fails to load: that only matters when it is not rebuilt below.
loading.catch(() => undefined)

if (existsSync(join(root, 'scripts', 'build-stamp.mjs'))) {
  const stamp = await import('../scripts/build-stamp.mjs')
  if (stamp.isBuildStale(stamp.CLI_INPUTS)) {
    const { build } = await import('../scripts/build.mjs')
    if (!build(process.stderr)) process.exit(1)
    // A new URL, so the rebuilt entry is loaded rather than the one already in the module cache (chunk files are
    // named by their content, so a chunk that changed has a new name too).
    loading = import(`${compiled}?built=${Date.now()}`)
  }
}
;(await loading).main()
