// A browser host in a child process, for the screenshot script and the UI benchmark: started on a fresh data
// directory, driven over its RPC endpoint like any other program (Bearer token).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

export type HostProcess = { base: string; token: string; child: ChildProcess; rpc(name: string, body: unknown): Promise<unknown> }

/** Starts `src-main/host/cli.ts` (the renderer must be built) and resolves once it prints its URL. */
export async function startHostProcess(options: { port: number; token: string; dataDirPrefix: string }): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix))
  const args = ['--import', 'tsx', 'src-main/host/cli.ts', '--port', String(options.port), '--token', options.token, '--data-dir', dataDir]
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((ready, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('running at')) ready()
    })
    child.once('exit', (code) => fail(new Error(`host exited with ${code}`)))
  })
  const base = `http://127.0.0.1:${options.port}`
  return { base, token: options.token, child, rpc: (name, body) => hostRpc(base, options.token, name, body) }
}

/** One contract command over HTTP; throws with the error code and message when the envelope is not ok. */
export async function hostRpc(base: string, token: string, name: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${base}/rpc/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  })
  const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } }
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.code ?? ''} ${envelope.error?.message ?? ''}`)
  return envelope.value
}
