/** Runs test/fakes/core-crash-child.ts in a child process that the test SIGKILLs (docs/reliability.md#r17, #r25). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'

const root = new URL('../..', import.meta.url).pathname

export type CrashChild = { dir: string; childPath: string; cleanup: () => void }

/**
 * Bundles the child once (the real core, esbuild-compiled), so every round pays only for Node's start, not for
 * tsx compiling the core and zod again: equivalent to `node --import tsx test/fakes/core-crash-child.ts`.
 */
export function prepareCoreChild(): CrashChild {
  const dir = mkdtempSync(join(tmpdir(), 'backup-desk-core-crash-'))
  const childPath = join(dir, 'core-crash-child.cjs')
  buildSync({
    entryPoints: [join(root, 'test/fakes/core-crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childPath,
    external: ['better-sqlite3', 'keytar'],
    logLevel: 'error'
  })
  return { dir, childPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export type RunningChild = {
  proc: ChildProcessWithoutNullStreams
  /** Every complete stdout line so far. */
  lines: string[]
  /** Resolves on the first line `predicate` accepts; rejects if the child exits first. */
  waitForLine(predicate: (line: string) => boolean): Promise<string>
  /** SIGKILLs the child and resolves once it is gone; fails if it had already exited on its own. */
  kill(): Promise<void>
  stderr(): string
}

export function spawnCoreChild(childPath: string, args: string[]): RunningChild {
  const proc = spawn(process.execPath, [childPath, ...args], {
    cwd: root,
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  const lines: string[] = []
  const listeners = new Set<(line: string) => void>()
  let buffered = ''
  let stderr = ''
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  const exited = new Promise<void>((resolve) => {
    proc.on('exit', (code, signal) => {
      exit = { code, signal }
      resolve()
    })
  })
  proc.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const complete = buffered.split('\n')
    buffered = complete.pop() ?? ''
    for (const line of complete) {
      lines.push(line)
      for (const listener of listeners) listener(line)
    }
  })
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return {
    proc,
    lines,
    stderr: () => stderr,
    waitForLine: (predicate) =>
      new Promise<string>((resolve, reject) => {
        const seen = lines.find(predicate)
        if (seen !== undefined) {
          resolve(seen)
          return
        }
        const listener = (line: string): void => {
          if (!predicate(line)) return
          listeners.delete(listener)
          resolve(line)
        }
        listeners.add(listener)
        void exited.then(() => {
          listeners.delete(listener)
          reject(new Error(`the child exited (${JSON.stringify(exit)}) before the expected line: ${stderr}`))
        })
      }),
    kill: async () => {
      if (exit !== null) throw new Error(`the child had already exited (${JSON.stringify(exit)}): ${stderr}`)
      proc.kill('SIGKILL')
      await exited
    }
  }
}
