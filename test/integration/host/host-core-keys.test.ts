import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bootHostCore, type HostCore } from '#host/host-core'

const started: { hostCore: HostCore; dataDir: string }[] = []

afterEach(async () => {
  for (const { hostCore, dataDir } of started.splice(0)) {
    await hostCore.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

function boot(isDemo: boolean): HostCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'backup-desk-host-keys-'))
  const hostCore = bootHostCore({ dataDir, version: '0.0.0-test', isDemo, logSink: () => undefined })
  started.push({ hostCore, dataDir })
  return hostCore
}

describe("the browser host's key storage as the window is told it", () => {
  it('says the demo keeps keys in memory, where its keys are, whatever the keychain could do', async () => {
    const hostCore = boot(true)
    await hostCore.start()
    expect(await hostCore.core.invoke('keychain/status', {})).toEqual({ ok: true, value: { mode: 'memory-only', demo: true } })
  })
})
