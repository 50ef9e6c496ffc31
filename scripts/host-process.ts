// A browser host in a child process, for the screenshot script and the UI benchmark: started on a fresh data
// directory, driven over its RPC endpoint like any other program (Bearer token).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

export type HostProcess = { base: string; token: string; child: ChildProcess; rpc(name: string, body: unknown): Promise<unknown> }

/**
 * Starts the compiled host `out/node/host.mjs` (run `npm run build` first), or with `fromSource` its TypeScript
 * through tsx (the renderer must still be built), and resolves once it prints its URL.
 */
export async function startHostProcess(options: {
  port: number
  token: string
  dataDirPrefix: string
  /** Node options before the host's entry, e.g. `--import` of a module hook. */
  nodeArgs?: string[]
  fromSource?: boolean
}): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix))
  const entry = options.fromSource === true ? ['--import', 'tsx', 'src-main/host/cli.ts'] : ['out/node/host.mjs']
  const args = [...(options.nodeArgs ?? []), ...entry, '--port', String(options.port), '--token', options.token, '--data-dir', dataDir]
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((ready, fail) => {
    let printed = ''
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString()
      const match = /running at (http:\/\/[^/\s]+)/.exec(printed)
      if (match?.[1] !== undefined) ready(match[1])
    })
    child.once('exit', (code) => fail(new Error(`host exited with ${code}`)))
  })
  const base = url
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
