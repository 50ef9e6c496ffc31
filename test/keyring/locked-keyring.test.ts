import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MEMORY_ONLY_WARNING } from '#core/secrets/fail-closed-secret-store'
import { filesContaining, isolatedEnv, lastJsonLine, makeCanary, runChild, tsxNodeArgs } from '../fakes/secrets-child-process.ts'
import { keyringSkipReason, keyringSuiteTitle } from './keyring-env.ts'

const skipReason = keyringSkipReason()
/** Either answer is fail-closed: an error from gnome-keyring, or a hang that the 2 s timeout cuts. */
const ACCEPTED_MESSAGES = ['The system keychain is locked.', 'The system keychain did not answer within 2 s.']

describe.skipIf(skipReason !== undefined)(keyringSuiteTitle('a session bus without an unlocked keyring', skipReason), () => {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secrets-locked-'))
    await mkdir(join(dir, 'tmp'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses the write with secret/unavailable and the fail-closed store keeps the key in memory only', async () => {
    const canary = makeCanary()
    const child = await runChild(
      'dbus-run-session',
      ['--', process.execPath, ...tsxNodeArgs(join(import.meta.dirname, 'locked-keyring-child.ts'))],
      { cwd: dir, env: { ...isolatedEnv(dir), SECRET_CANARY: canary }, timeoutMs: 20_000 }
    )
    expect(child.code, child.stderr).toBe(0)
    const result = lastJsonLine(child.stdout) as {
      direct: { code: string; message: string; ms: number }
      probed: unknown
      isReadBack: boolean
      status: { mode: string; reason?: string; warning?: string }
    }

    expect(result.direct.code).toBe('secret/unavailable')
    expect(ACCEPTED_MESSAGES).toContain(result.direct.message)
    expect(result.direct.ms).toBeLessThan(2500)
    // A read cannot tell a missing login collection from a missing entry (both answer null), so the
    // probe passes and the first write is what switches the store: the key still never leaves memory.
    expect(result.probed).toEqual({ mode: 'keychain' })
    expect(result.status).toMatchObject({ mode: 'memory-only', warning: MEMORY_ONLY_WARNING })
    expect(ACCEPTED_MESSAGES).toContain(result.status.reason)
    expect(result.isReadBack).toBe(true)

    expect(child.stdout + child.stderr).not.toContain(canary)
    expect(await filesContaining(dir, canary)).toEqual([])
  })
})
