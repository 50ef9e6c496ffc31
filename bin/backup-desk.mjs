#!/usr/bin/env node
// The `backup-desk` command (package.json "bin"). It runs the compiled entry (out/node/cli.mjs, see
// node.vite.config.mts), so no TypeScript is compiled at launch; in a checkout it first rebuilds what changed since
// the last build (scripts/build.mjs, as `npm run web` does), with the build's messages on stderr.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = join(import.meta.dirname, '..')
const compiled = join(root, 'out', 'node', 'cli.mjs')

if (existsSync(join(root, 'scripts', 'build.mjs'))) {
  const { buildIfStale } = await import('../scripts/build.mjs')
  if (!buildIfStale(process.stderr)) process.exit(1)
}
await import(pathToFileURL(compiled).href)
