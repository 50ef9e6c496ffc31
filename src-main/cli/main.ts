import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { createKeytarSecretStore } from '#core/secrets/keytar-secret-store'
import { runCli } from './run-cli.ts'

/*
 * The `backup-desk` binary (bin/backup-desk.mjs imports this module, then calls main). Keys go to the OS keychain only (keytar, no memory fallback): a key kept
 * in memory would vanish with the process, so a missing or locked keychain is an error here.
 */
const ROOT = join(import.meta.dirname, '..', '..')

async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function confirm(question: string): Promise<boolean | null> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return null
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}

/** Runs the command line of this process; bin/backup-desk.mjs calls it once the compiled modules are loaded and current. */
export function main(): void {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
  void runCli(
    process.argv.slice(2),
    {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      readStdin,
      confirm,
      isTty: process.stderr.isTTY,
      env: process.env,
      writeFile: (path, content) => writeFileSync(path, content, 'utf8'),
      readFile: (path) => readFileSync(path, 'utf8')
    },
    { version, secrets: createKeytarSecretStore() }
  ).then((code) => {
    process.exitCode = code
  })
}
