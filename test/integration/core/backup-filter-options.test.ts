import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { connect, FAST_LIMITS, startDemoEmulator } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

const emulators: RunningEmulator[] = []
let core: TestCore | undefined

afterEach(async () => {
  await core?.close()
  for (const emulator of emulators.splice(0)) await emulator.close()
  core = undefined
})

/** Two organizations, each synced once. */
async function twoOrganizations(): Promise<{ core: TestCore; demoId: string; otherId: string }> {
  const demo = await startDemoEmulator()
  const other = await startEmulator({ seed: 'large:3:2', rateLimit: 1000 })
  emulators.push(demo, other)
  const testCore = createTestCore({ limits: FAST_LIMITS })
  core = testCore
  const demoId = await connect(testCore, demo, 'Demo org')
  const otherId = await connect(testCore, other, 'Other org')
  expectOk(await testCore.invoke('sync/run', { connectionId: demoId }))
  expectOk(await testCore.invoke('sync/run', { connectionId: otherId }))
  return { core: testCore, demoId, otherId }
}

describe('the Backups screen\'s filter options (backup/filter-options)', () => {
  it('offer each cluster of the asked organization as the Fleet knows it (name, project, deployment, status), by name', async () => {
    const { core: testCore, demoId, otherId } = await twoOrganizations()
    for (const connectionId of [demoId, otherId]) {
      const options = expectOk(await testCore.invoke('backup/filter-options', { connectionId }))
      const fleet = expectOk(await testCore.invoke('cluster/list', { connectionId }))
      const asTheFleetShowsIt = fleet.map((c) => ({
        clusterId: c.clusterId, clusterName: c.clusterName, projectId: c.projectId, projectName: c.projectName,
        connectionId: c.connectionId, deployment: c.deployment, status: c.status, supportsBackup: c.supportsBackup
      }))
      expect(options.clusters).toHaveLength(fleet.length)
      expect(new Set(options.clusters.map((c) => JSON.stringify(c)))).toEqual(new Set(asTheFleetShowsIt.map((c) => JSON.stringify(c))))
      const names = options.clusters.map((c) => c.clusterName)
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })))
      expect(options.projects).toEqual(expectOk(await testCore.invoke('project/list', { connectionId })))
      expect(options.clusters.every((c) => c.connectionId === connectionId)).toBe(true)
    }
    // Without a connection ID: the active organization's, as the backup list itself.
    const active = expectOk(await testCore.invoke('backup/filter-options', {}))
    expect(active.clusters.every((c) => c.connectionId === demoId)).toBe(true)
    expect(active.clusters.some((c) => c.deployment === 'Dedicated' && c.supportsBackup)).toBe(true)
    expect(active.clusters.filter((c) => c.deployment !== 'Dedicated').every((c) => !c.supportsBackup)).toBe(true)
  })

  it('offer nothing before the first connection; a removed organization is not-found; a malformed ID is refused by name', async () => {
    const testCore = createTestCore({ limits: FAST_LIMITS })
    core = testCore
    expect(expectOk(await testCore.invoke('backup/filter-options', {}))).toEqual({ clusters: [], projects: [] })

    const demo = await startDemoEmulator()
    emulators.push(demo)
    const demoId = await connect(testCore, demo)
    expectOk(await testCore.invoke('sync/run', {}))
    expectOk(await testCore.invoke('connection/remove', { id: demoId, drafts: 'delete' }))
    const gone = await testCore.invoke('backup/filter-options', { connectionId: demoId })
    expect(gone.ok ? null : gone.error.code).toBe('not-found')

    const malformed = '<script>bad id</script>'
    const refused = await testCore.invoke('backup/filter-options', { connectionId: malformed })
    if (refused.ok) throw new Error('a malformed connection ID was accepted')
    expect(refused.error.code).toBe('input/invalid')
    expect(JSON.stringify(refused.error)).toContain('connectionId')
    expect(JSON.stringify(refused.error)).not.toContain(malformed)
  })
})
