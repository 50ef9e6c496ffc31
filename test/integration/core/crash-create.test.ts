import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemorySecretStore } from '#core/secrets/memory-secret-store'
import type { RunningEmulator } from '#emulator/index'
import { clusterNamed, connect, countOf, intentRows, startDemoEmulator, waitFor } from '../../fakes/core-emulator.ts'
import { prepareCoreChild, spawnCoreChild, type CrashChild } from '../../fakes/core-crash-harness.ts'
import { expectOk } from '../../fakes/envelope.ts'
import { createTestCore } from '../../fakes/test-core.ts'

const CREATE = 'POST /v2/clusters/{clusterId}/backups/create'
let child: CrashChild
let emulator: RunningEmulator

beforeAll(async () => {
  child = prepareCoreChild()
  emulator = await startDemoEmulator()
})

afterAll(async () => {
  await emulator.close()
  child.cleanup()
})

describe('no duplicate backup after a crash between POST and answer (R25)', () => {
  it('confirms the intent with the one backup at the next start and never sends a second POST', async () => {
    // A synced data dir, as the app leaves it.
    const setup = createTestCore()
    const connectionId = await connect(setup, emulator)
    expectOk(await setup.invoke('sync/run', {}))
    const { clusterId } = await clusterNamed(setup, 'orders-prod')
    const { dataDir } = setup
    await setup.close()
    const since = emulator.now()

    // The create reaches the emulator, which holds it for a while before carrying it out (the emulator cannot
    // apply a request and then stall its answer); the app is killed while it waits for the answer.
    emulator.injectFault({ pathRegex: '/backups/create$', method: 'POST', kind: 'latency', ms: 1_000 })
    const running = spawnCoreChild(child.childPath, ['create', dataDir, emulator.url, emulator.apiKey, clusterId])
    await running.waitForLine((line) => line === 'READY')
    await waitFor('the POST to reach the emulator', () => (countOf(emulator, CREATE) === 1 ? true : undefined))
    await running.kill()
    expect(running.lines.some((line) => line.startsWith('CREATED'))).toBe(false)
    const made = await waitFor('the emulator to create the backup', () => {
      const backups = emulator.state().backups.filter((b) => b.clusterId === clusterId && b.creationMethod === 'MANUAL' && b.createTime >= since)
      return backups.length > 0 ? backups.map((b) => b.backupId) : undefined
    })
    expect(made).toHaveLength(1)

    const secrets = new MemorySecretStore()
    await secrets.set(connectionId, emulator.apiKey)
    const restarted = createTestCore({ dataDir, secrets })
    try {
      expect(intentRows(restarted.db)).toEqual([expect.objectContaining({ cluster_id: clusterId, state: 'PENDING' })])
      await restarted.start()
      const confirmed = await waitFor('reconciliation at start', () => {
        const [intent] = intentRows(restarted.db)
        return intent?.state === 'CONFIRMED' ? intent : undefined
      })
      expect(confirmed.backup_id).toBe(made[0])
      expect(countOf(emulator, CREATE)).toBe(1)
      expect(emulator.state().backups.filter((b) => b.clusterId === clusterId && b.createTime >= since)).toHaveLength(1)
    } finally {
      await restarted.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
