// A browser host in a child process, for the screenshot script, the UI benchmarks and the e2e tests that need a
// host of their own (test/e2e/support/host-process.ts): started on a data directory, driven over its RPC
// endpoint like any other program (Bearer token).
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type HostProcess = {
  base: string
  token: string
  dataDir: string
  child: ChildProcess
  rpc(name: string, body: unknown): Promise<unknown>
  /** SIGTERM, resolved once the process has exited (a graceful stop: the host closes its database). */
  stop(): Promise<void>
}

/**
 * Starts the compiled host `out/node/host.mjs` (run `npm run build` first), or with `fromSource` its TypeScript
 * through tsx (the renderer must still be built), and resolves once it prints its URL.
 */
export async function startHostProcess(options: {
  port: number
  token: string
  /** A fresh temporary data directory is made with this prefix, unless `dataDir` names one (e.g. to restart on it). */
  dataDirPrefix?: string
  dataDir?: string
  /** Node options before the host's entry, e.g. `--import` of a module hook. */
  nodeArgs?: string[]
  fromSource?: boolean
  /** Extra environment, e.g. a D-Bus address that does not exist to force the memory-only keychain. */
  env?: Record<string, string>
  /**
   * The repository root; the working directory by default (npm scripts and Vitest run there). No `import.meta`
   * here: Playwright loads this file as CommonJS from the e2e specs.
   */
  root?: string
  timeoutMs?: number
}): Promise<HostProcess> {
  const root = options.root ?? process.cwd()
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), options.dataDirPrefix ?? 'backup-desk-host-'))
  const entry = options.fromSource === true ? ['--import', 'tsx', 'src-main/host/cli.ts'] : ['out/node/host.mjs']
  const args = [...(options.nodeArgs ?? []), ...entry, '--port', String(options.port), '--token', options.token, '--data-dir', dataDir]
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let printed = ''
  // Both streams are always read (a full pipe would stall the host); what they said explains a failed start.
  const record = (chunk: Buffer): void => {
    printed = (printed + chunk.toString()).slice(-8000)
  }
  child.stdout.on('data', record)
  child.stderr.on('data', record)
  const base = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`The host did not start: ${printed}`)), options.timeoutMs ?? 30_000)
    const onData = (): void => {
      const match = /running at (http:\/\/[^/\s]+)/.exec(printed)
      if (match?.[1] === undefined) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      ready(match[1])
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`The host exited with ${String(code)}: ${printed}`))
    })
  })
  return {
    base,
    token: options.token,
    dataDir,
    child,
    rpc: (name, body) => hostRpc(base, options.token, name, body),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    }
  }
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
