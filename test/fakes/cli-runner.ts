import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../src-main/cli/run-cli.ts'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'

export type CliResult = { code: number; stdout: string; stderr: string }

/**
 * Runs `backup-desk` in this process on a real data folder (real SQLite, the emulator over real HTTP); only
 * the keychain is a memory store shared by every run, standing in for the OS keychain between processes.
 */
export class CliRunner {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'backup-desk-cli-'))
  readonly secrets = new MemorySecretStore()
  /** Everything any run printed, to prove what never appears. */
  transcript = ''
  answer: boolean | null = null

  async run(args: readonly string[], options: { stdin?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<CliResult> {
    let stdout = ''
    let stderr = ''
    const code = await runCli(
      ['--data-dir', this.dataDir, ...args],
      {
        out: (t) => (stdout += t),
        err: (t) => (stderr += t),
        readStdin: () => Promise.resolve(options.stdin ?? null),
        confirm: () => Promise.resolve(this.answer),
        isTty: options.tty ?? false,
        env: options.env ?? {},
        writeFile: (path, content) => writeFileSync(path, content, 'utf8'),
        readFile: (path) => readFileSync(path, 'utf8')
      },
      { version: '0.0.0-test', secrets: this.secrets }
    )
    this.transcript += stdout + stderr
    return { code, stdout, stderr }
  }

  file(name: string, content: string): string {
    const path = join(this.dataDir, name)
    writeFileSync(path, content, 'utf8')
    return path
  }
}
