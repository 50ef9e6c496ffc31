import { afterEach, describe, expect, it } from 'vitest'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

const cores: TestCore[] = []
function makeCore(): TestCore {
  const core = createTestCore()
  cores.push(core)
  return core
}

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()))
})

describe('the core dispatcher', () => {
  it('answers app/info with the version, runtime and data directory', async () => {
    const core = makeCore()
    const result = await core.invoke('app/info', {})
    expect(result).toEqual({
      ok: true,
      value: { version: '0.0.0-test', runtime: 'browser', dataDir: core.dataDir, demoAvailable: false }
    })
  })

  it('answers demo/start with not-found naming npm run demo where the host embeds no demo', async () => {
    const result = await makeCore().invoke('demo/start', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('npm run demo') as string } })
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

  it("says what is wrong with a field in the schema's words", async () => {
    const result = await makeCore().invoke('connection/add', { name: 'Prod', baseUrl: 'https://api.cloud.zilliz.com', apiKey: 'short' })
    expect(result).toEqual({
      ok: false,
      error: {
        name: 'CoreError',
        code: 'input/invalid',
        message: 'Invalid input for connection/add (field "apiKey"): The API key looks too short.',
        details: { field: 'apiKey' }
      }
    })
  })

  it('names neither the key nor the value of a field the command does not take', async () => {
    const result = await makeCore().invoke('app/info', { tok_CANARY: 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'input/invalid', message: 'Invalid input for app/info.' } })
  })

  it('treats a missing input as an empty object', async () => {
    const result = await makeCore().invoke('app/info', undefined)
    expect(result.ok).toBe(true)
  })
})
