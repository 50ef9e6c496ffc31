// npm run web -- [--port N] [--token T] [--data-dir DIR] [--demo] [--no-build]
// Builds what changed since the last build (scripts/build.mjs), then serves the renderer and the core on
// 127.0.0.1 from the compiled host (out/node/host.mjs): no TypeScript is compiled at launch.
import { join } from 'node:path'
import { buildIfStale } from './build.mjs'
import { ROOT, runForeground } from './run-tool.mjs'

const args = process.argv.slice(2)
const skipBuild = args.includes('--no-build')
const hostArgs = args.filter((a) => a !== '--no-build')

if (!skipBuild && !buildIfStale()) process.exit(1)
runForeground(process.execPath, [join(ROOT, 'out', 'node', 'host.mjs'), ...hostArgs])
