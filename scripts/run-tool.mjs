// Small helpers shared by the npm scripts: run a project tool quietly or visibly.
import { spawn, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')

/** Runs a tool from node_modules/.bin; prints its output only when it fails. Returns true on success. */
export function runQuietly(label, command, args, progress = process.stdout) {
  progress.write(`${label} …\n`)
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', shell: false, env: process.env })
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`)
    process.stderr.write(`${label} failed.\n`)
    return false
  }
  return true
}

export function bin(name) {
  return resolve(ROOT, 'node_modules', '.bin', name)
}

/** Starts a long-running child with inherited stdio and forwards SIGINT/SIGTERM to it. */
export function runForeground(command, args, options = {}) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...options.env } })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)))
  return child
}
