// npm run web -- [--port N] [--token T] [--data-dir DIR] [--demo] [--no-build] [--help]
// Builds what changed since the last build (scripts/build.mjs), then serves the renderer and the core on
// 127.0.0.1 from the compiled host (out/node/host.mjs): no TypeScript is compiled at launch.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { buildIfStale } from './build.mjs'
import { ROOT, runForeground } from './run-tool.mjs'

const args = process.argv.slice(2)
const hostEntry = join(ROOT, 'out', 'node', 'host.mjs')
// The help is the host's (src-main/host/host-options.ts); it waits for no build once a host is built.
const wantsHelp = args.includes('--help') || args.includes('-h')
const skipBuild = args.includes('--no-build') || (wantsHelp && existsSync(hostEntry))
const hostArgs = args.filter((a) => a !== '--no-build')

if (!skipBuild && !buildIfStale()) process.exit(1)
runForeground(process.execPath, [hostEntry, ...hostArgs])
