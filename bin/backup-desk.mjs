#!/usr/bin/env node
// The `backup-desk` command (package.json "bin"). It runs the compiled entry (out/node/cli.mjs, see
// node.vite.config.mts), so no TypeScript is compiled at launch. In a checkout (scripts/ is there) it first rebuilds
// what changed since the last build, with the build's messages on stderr; an installed copy has no scripts/ and
// skips the check. The check's module is small (scripts/build-stamp.mjs): the builder is loaded only when stale.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = join(import.meta.dirname, '..')
const compiled = join(root, 'out', 'node', 'cli.mjs')

if (existsSync(join(root, 'scripts', 'build-stamp.mjs'))) {
  const { isBuildStale } = await import('../scripts/build-stamp.mjs')
  if (isBuildStale()) {
    const { build } = await import('../scripts/build.mjs')
    if (!build(process.stderr)) process.exit(1)
  }
}
await import(pathToFileURL(compiled).href)
