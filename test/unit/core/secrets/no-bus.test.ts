import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MEMORY_ONLY_WARNING } from '#core/secrets/fail-closed-secret-store'
import { filesContaining, isolatedEnv, lastJsonLine, listFiles, makeCanary, runChild, tsxNodeArgs } from '../../../fakes/secrets-child-process.ts'

const NO_BUS = 'No system keychain is reachable (no D-Bus session).'

// The real keytar with no session bus (docs/reliability.md#r13). Runs in a child process: libsecret keeps the first bus
// it connects to, so removing DBUS_SESSION_BUS_ADDRESS in-process is only reliable before any keychain call.
describe('the keytar store with no D-Bus session', () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secrets-no-bus-'))
    await mkdir(join(dir, 'tmp'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('fails fast with secret/unavailable, falls back to memory-only with the warning, and writes the key nowhere', async () => {
    const canary = makeCanary()
    const child = await runChild(process.execPath, tsxNodeArgs(join(import.meta.dirname, 'no-bus-child.ts')), {
      cwd: dir,
      env: { ...isolatedEnv(dir), SECRET_CANARY: canary },
      timeoutMs: 15_000
    })
    expect(child.code, child.stderr).toBe(0)

    const result = lastJsonLine(child.stdout) as {
      direct: Record<string, { code: string; message: string; ms: number }>
      probed: unknown
      statusChanges: unknown[]
      isReadBack: boolean
      status: unknown
    }
    for (const [call, outcome] of Object.entries(result.direct)) {
      expect(outcome, call).toMatchObject({ code: 'secret/unavailable', message: NO_BUS })
      expect(outcome.ms, call).toBeLessThan(2000)
    }
    const memoryOnly = { mode: 'memory-only', reason: NO_BUS, warning: MEMORY_ONLY_WARNING }
    expect(result.probed).toEqual(memoryOnly)
    expect(result.statusChanges).toEqual([memoryOnly])
    expect(result.status).toEqual(memoryOnly)
    expect(result.isReadBack).toBe(true)

    expect(child.stdout + child.stderr).not.toContain(canary)
    expect(await filesContaining(dir, canary)).toEqual([])
    // Only tsx's compile cache may appear (under TMPDIR); HOME, data, config and cache dirs stay empty.
    const written = (await listFiles(dir)).filter((path) => !path.startsWith(join(dir, 'tmp') + '/'))
    expect(written).toEqual([])
  })
})
