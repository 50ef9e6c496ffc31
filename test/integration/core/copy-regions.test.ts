import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '#emulator/index'
import type { TestCore } from '../../fakes/test-core.ts'
import { clusterNamed, countOf, startSyncedDemo, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'

let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  ;({ emulator, core } = await startSyncedDemo())
})

afterEach(() => stopSyncedDemo({ emulator, core }))

/** Syncs first: some tests add a cluster to the emulator after the set-up. */
async function clusterIdOf(name: string): Promise<string> {
  expectOk(await core.invoke('sync/run', {}))
  return (await clusterNamed(core, name)).clusterId
}

describe('region/list: where cross-region copies may go, from the API region list', () => {
  it('offers the other regions of the cluster’s own cloud, never its own region nor another cloud’s', async () => {
    const answer = expectOk(await core.invoke('region/list', { clusterId: await clusterIdOf('search-prod') }))
    expect(answer).toEqual({
      cloudId: 'aws',
      copiesSupported: true,
      regions: [{ regionId: 'aws-us-west-2' }, { regionId: 'aws-eu-central-1' }, { regionId: 'aws-ap-southeast-1' }]
    })
    const gcp = expectOk(await core.invoke('region/list', { clusterId: await clusterIdOf('catalog-staging') }))
    expect(gcp.regions.map((r) => r.regionId)).toEqual(['gcp-us-east4', 'gcp-europe-west3'])
  })

  it('offers no regions on Azure and says copies are not supported there', async () => {
    const created = await fetch(`${emulator.url}/_emulator/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clusterName: 'azure-prod', regionId: 'az-eastus', plan: 'Enterprise' })
    })
    expect(created.ok).toBe(true)
    const answer = expectOk(await core.invoke('region/list', { clusterId: await clusterIdOf('azure-prod') }))
    expect(answer).toEqual({ cloudId: 'azure', copiesSupported: false, regions: [] })
  })

  it('asks the API once per connection and answers later calls from memory', async () => {
    const search = await clusterIdOf('search-prod')
    const catalog = await clusterIdOf('catalog-staging')
    expectOk(await core.invoke('region/list', { clusterId: search }))
    expectOk(await core.invoke('region/list', { clusterId: catalog }))
    expectOk(await core.invoke('region/list', { clusterId: search }))
    expect(countOf(emulator, 'GET /v2/regions')).toBe(1)
  })

  it('does not keep a failed ask: the next call asks again and succeeds', async () => {
    const search = await clusterIdOf('search-prod')
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/v2/regions', kind: 'business-error', code: 96000 })
    })
    expectError(await core.invoke('region/list', { clusterId: search }))
    expect(expectOk(await core.invoke('region/list', { clusterId: search })).regions.length).toBe(3)
  })

  it('answers not-found for a cluster that is not cached', async () => {
    expect(expectError(await core.invoke('region/list', { clusterId: 'in01-not-there' })).code).toBe('not-found')
  })
})
