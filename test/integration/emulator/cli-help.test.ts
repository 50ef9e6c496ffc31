import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { EMULATOR_USAGE } from '#emulator/cli-options'

async function runEmulatorCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/emulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const [code] = (await once(child, 'exit')) as [number | null]
  return { code, stdout, stderr }
}

describe('npm run emulator from the command line', () => {
  it('prints its options for --help and exits 0 without starting a server', async () => {
    const result = await runEmulatorCli(['--help'])
    expect(result).toEqual({ code: 0, stdout: EMULATOR_USAGE, stderr: '' })
  })

  it('refuses an unknown option in one line that points at --help, and exits 1', async () => {
    const result = await runEmulatorCli(['--prot', '80'])
    expect(result).toEqual({ code: 1, stdout: '', stderr: "Unknown option '--prot' (add --help for usage)\n" })
  })
})
