import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'

export const ROUNDS = 30
const root = new URL('../../..', import.meta.url).pathname

/**
 * Bundles the crash child once (the real store code, esbuild-compiled), so each of the 60 rounds pays only for
 * Node's start, not for tsx compiling the store and zod again. Equivalent to `node --import tsx <child>`.
 */
export function prepareCrashChild(): { dir: string; childPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'backup-desk-crash-'))
  const childPath = join(dir, 'store-crash-child.cjs')
  buildSync({
    entryPoints: [join(root, 'test/fakes/store-crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childPath,
    external: ['better-sqlite3'],
    logLevel: 'error'
  })
  return { dir, childPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Starts the child, lets it commit for a random 5–150 ms, SIGKILLs it; returns every n it acknowledged. */
export function runAndKill(childPath: string, dbPath: string, mode: 'sync' | 'drafts'): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [childPath, dbPath, mode], {
      cwd: root,
      env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const acks: number[] = []
    let buffered = ''
    let stderr = ''
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (line === 'READY') setTimeout(() => proc.kill('SIGKILL'), 5 + Math.random() * 145)
        const match = /^ACK (\d+)$/.exec(line)
        if (match) acks.push(Number(match[1]))
      }
    })
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acks)
      else reject(new Error(`the child exited without being killed: ${stderr}`))
    })
  })
}
