// npm run web -- [--port N] [--token T] [--data-dir DIR] [--demo] [--no-build]
// Builds the renderer, then serves it and the core on 127.0.0.1 (src-main/host/cli.ts).
import { bin, runForeground, runQuietly } from './run-tool.mjs'

const args = process.argv.slice(2)
const skipBuild = args.includes('--no-build')
const hostArgs = args.filter((a) => a !== '--no-build')

if (!skipBuild && !runQuietly('Building the app', bin('electron-vite'), ['build', '--logLevel', 'error'])) {
  process.exit(1)
}
runForeground(process.execPath, ['--import', 'tsx', 'src-main/host/cli.ts', ...hostArgs])
