import { isCoreError } from '#contract/errors'
import type { CommandInput, CommandName, CommandOutput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import type { Connection } from '#contract/models/connection'
import type { BootedCore } from '#core/boot'
import { resolveDataDir } from '#core/lib/data-dir'
import { systemClock } from '#core/lib/clock'
import { nullNotifier } from '#core/notify/notifier'
import type { OpenedStore } from '#core/open-store'
import type { ImportPlanResult } from '#core/policy-files/import-policy-file'
import type { SecretStore } from '#core/secrets/secret-store'

/** Where the CLI reads and writes; a test passes buffers, main.ts the process's streams. */
export type CliIo = {
  out(text: string): void
  err(text: string): void
  /** All of standard input (for an API key piped in); null when stdin is a terminal. */
  readStdin(): Promise<string | null>
  /** A yes/no question on the terminal; null when there is no terminal to ask on. */
  confirm(question: string): Promise<boolean | null>
  /** Standard error is a terminal: progress lines are shown there, never otherwise. */
  isTty: boolean
  env: NodeJS.ProcessEnv
  writeFile(path: string, content: string): void
  readFile(path: string): string
}

export type CliDeps = {
  version: string
  /** The OS keychain in the binary (keytar, no memory fallback: a key must outlive the process). */
  secrets: SecretStore
}

/** A failure the CLI reports as one line, with its exit code. */
export class CliFailure extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message)
  }
}

export type GlobalOptions = { dataDir?: string; connection?: string; json?: boolean }

/**
 * One opened core per CLI run, on the app's data directory: the same SQLite file in WAL mode (safe
 * beside a running app) and the same keychain entries. Nothing is started: no watcher, notifier,
 * job polling or sync timer, only the commands the run asks for. The core's modules are loaded on
 * first use, so `--help` and a bad argument load none of them, and `plan` loads only the store and
 * the plan engine (planWithoutStoring).
 */
export class CliSession {
  private core: BootedCore | null = null
  private store: OpenedStore | null = null

  constructor(readonly io: CliIo, private readonly deps: CliDeps, readonly options: GlobalOptions) {}

  private dataDir(): string {
    return resolveDataDir(this.options.dataDir, this.io.env)
  }

  private async open(): Promise<BootedCore> {
    if (this.core === null) {
      const { bootCore } = await import('#core/boot')
      // `??=`: two first calls may both have waited for the import; the first to arrive opens the core.
      this.core ??= bootCore({ runtime: 'browser', dataDir: this.dataDir(), version: this.deps.version, secretStore: this.deps.secrets, notifier: nullNotifier })
    }
    return this.core
  }

  async invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    return this.valueOf(await (await this.open()).invoke(name, input))
  }

  /** policy/import-plan with `store: false`, on the store and the plan engine alone (core/policy-files/plan-on-store.ts). */
  async planWithoutStoring(text: string, connectionId?: string): Promise<ImportPlanResult> {
    const [{ openStore }, { planPolicyFileOnStore }] = await Promise.all([import('#core/open-store'), import('#core/policy-files/plan-on-store')])
    this.store ??= openStore({ dataDir: this.dataDir(), clock: systemClock })
    return this.valueOf(await planPolicyFileOnStore(this.store, text, () => systemClock.now(), connectionId))
  }

  private valueOf<T>(envelope: Envelope<T>): T {
    if (envelope.ok) return envelope.value
    // Two connections list the cluster (core/fleet/find-cluster.ts): the CLI's way to name one is --connection.
    if (envelope.error.details?.field === 'connectionId' && envelope.error.code === 'input/invalid') {
      throw new CliFailure('Two connections list the same cluster: choose one with --connection NAME|ID.')
    }
    throw new CliFailure(envelope.error.message)
  }

  /** The id of the connection `--connection NAME|ID` names, or undefined without the option (then nothing is read). */
  async connectionOption(): Promise<string | undefined> {
    if (this.options.connection === undefined) return undefined
    const [connection] = await this.connections('one')
    return connection?.id
  }

  /** The connection `--connection NAME|ID` names; without it the only one, or every one when `all`. */
  async connections(mode: 'one' | 'all'): Promise<Connection[]> {
    const all = await this.invoke('connection/list', {})
    const wanted = this.options.connection
    if (wanted !== undefined) {
      const found = all.find((c) => c.id === wanted) ?? all.filter((c) => c.name === wanted)
      const matches = Array.isArray(found) ? found : [found]
      if (matches.length === 0) throw new CliFailure(`No connection named or with id "${wanted}": see \`backup-desk connection list\`.`)
      if (matches.length > 1) throw new CliFailure(`More than one connection is named "${wanted}": give its id instead.`)
      return matches
    }
    if (all.length === 0) throw new CliFailure('No connection yet: add one with `backup-desk connection add --name N --base-url U`.')
    if (mode === 'all' || all.length === 1) return all
    throw new CliFailure('There is more than one connection: choose one with --connection NAME|ID.')
  }

  progress(text: string): void {
    if (this.io.isTty) this.io.err(text + '\n')
  }

  json(value: unknown): void {
    this.io.out(JSON.stringify(value, null, 2) + '\n')
  }

  /** A file's text; a missing or unreadable file is one clear line, not a stack. */
  readFile(path: string): string {
    try {
      return this.io.readFile(path)
    } catch (error) {
      const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : ''
      throw new CliFailure(code === 'ENOENT' ? `${path}: no such file.` : `${path} cannot be read (${code === '' ? 'unknown error' : code}).`)
    }
  }

  output(content: string, outFile: string | undefined): void {
    if (outFile === undefined) this.io.out(content)
    else this.io.writeFile(outFile, content)
  }

  async close(): Promise<void> {
    await this.core?.stop()
    this.core = null
    this.store?.db.close()
    this.store = null
  }
}

/** A thrown value as one line: core and CLI messages as they are, anything else without its stack. */
export function oneLine(error: unknown): string {
  const text = isCoreError(error) || error instanceof Error ? error.message : String(error)
  return (text.split('\n')[0] ?? '').trim()
}

