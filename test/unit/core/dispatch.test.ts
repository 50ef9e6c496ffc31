import { describe, expect, it } from 'vitest'
import { createCore } from '#core/create-core'
import { ManualClock } from '#core/lib/clock'
import { silentLogger } from '#core/lib/logger'

function makeCore() {
  return createCore({
    version: '9.9.9',
    runtime: 'browser',
    dataDir: '/tmp/backup-desk-test',
    clock: new ManualClock(0),
    logger: silentLogger
  })
}

describe('the core dispatcher', () => {
  it('answers app/info with the version, runtime and data directory', async () => {
    const result = await makeCore().invoke('app/info', {})
    expect(result).toEqual({
      ok: true,
      value: { version: '9.9.9', runtime: 'browser', dataDir: '/tmp/backup-desk-test' }
    })
  })

  it('refuses an unknown command with not-found instead of throwing', async () => {
    const result = await makeCore().invoke('app/explode', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('refuses invalid input with input/invalid and never echoes the value sent', async () => {
    const secret = 'tok_CANARY_should_not_echo'
    const result = await makeCore().invoke('app/info', { [secret]: secret })
    expect(result).toMatchObject({ ok: false, error: { code: 'input/invalid' } })
    expect(JSON.stringify(result)).not.toContain('tok_CANARY')
  })

  it('treats a missing input as an empty object', async () => {
    const result = await makeCore().invoke('app/info', undefined)
    expect(result.ok).toBe(true)
  })
})
