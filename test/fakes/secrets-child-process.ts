import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** A recognisable fake API key, random per run so a hit can only come from this run. */
export function makeCanary(): string {
  return `tok_CANARY_${randomBytes(12).toString('hex')}`
}

/** Files under `dir` whose bytes contain `needle` as UTF-8 or UTF-16LE (how a keychain might store text). */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const hits: string[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    const bytes = await readFile(path)
    if (forms.some((form) => bytes.includes(form))) hits.push(path)
  }
  return hits
}

/** Every regular file under `dir`, to prove a run wrote nothing at all. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

export type ChildResult = { code: number | null; stdout: string; stderr: string }

/** Runs a command, collecting its output; kills it after `timeoutMs` so a hang fails the test instead. */
export function runChild(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** `node --import <tsx loader>` so a child can run a TypeScript entry from any working directory. */
export function tsxNodeArgs(entry: string): string[] {
  return ['--import', import.meta.resolve('tsx'), entry]
}

/**
 * The child's one JSON result line. Other lines may share stdout: a bus-activated gnome-keyring
 * inherits it and prints `GNOME_KEYRING_CONTROL=…`.
 */
export function lastJsonLine(stdout: string): unknown {
  const lines = stdout.split('\n').filter((line) => line.startsWith('{'))
  return JSON.parse(lines[lines.length - 1] ?? 'null')
}

/**
 * The parent environment minus anything that could reach a real keychain or display, with HOME, XDG
 * dirs and TMPDIR pointed into `dir`, so every file the child might write lands where the test scans.
 */
export function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR', 'GNOME_KEYRING_CONTROL']) {
    Reflect.deleteProperty(env, name)
  }
  return {
    ...env,
    HOME: dir,
    TMPDIR: join(dir, 'tmp'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_CONFIG_HOME: join(dir, 'config')
  }
}
