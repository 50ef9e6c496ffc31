import { describe, expect, test } from 'vitest'
import type { FleetRow } from '#contract/commands/cluster'
import type { FleetWindow } from '#contract/commands/fleet-window'
import { success } from '#contract/envelope'
import { fleetCounts } from '#contract/fleet-rules'
import type { Project } from '#contract/models/cluster'
import { ClustersState } from '../../../../src-renderer/lib/state/clusters.svelte.ts'
import { firstFleetWindowInput } from '../../../../src-renderer/lib/state/fleet-window-request.ts'
import { FakeCoreClient } from '../../../fakes/fake-core-client.ts'

function row(i: number, projectId: string, className: FleetRow['protection']['class']): FleetRow {
  return {
    clusterId: `c-${i}`, clusterName: `cluster ${String(i).padStart(2, '0')}`, projectId, projectName: projectId.toUpperCase(), connectionId: 'org-a',
    regionId: 'aws-us-east-1', plan: 'Enterprise', deployment: 'Dedicated', status: 'RUNNING', supportsBackup: true, policy: null, newestBackup: null,
    health: 'unknown', healthReason: '', template: null, lintSummary: null, nextWindow: null,
    protection: { class: className, rpoMs: null, knownSince: null, restorablePoints: 0, keepCopy: null }
  }
}

const PROJECTS: Project[] = [
  { projectId: 'p-a', projectName: 'P-A', plan: 'Enterprise', connectionId: 'org-a' },
  { projectId: 'p-b', projectName: 'P-B', plan: null, connectionId: 'org-a' }
]
const WHOLE = [row(1, 'p-a', 'protected'), row(2, 'p-a', 'at-risk'), row(3, 'p-a', 'protected'), row(4, 'p-b', 'unprotected')]
const WINDOW: FleetWindow = {
  rows: WHOLE.slice(0, 2),
  total: 4,
  projects: [{ projectId: 'p-a', projectName: 'P-A', plan: 'Enterprise', clusterCount: 3 }, { projectId: 'p-b', projectName: 'P-B', plan: null, clusterCount: 1 }],
  counts: fleetCounts(WHOLE)
}

/** A core that answers the first rows, the whole list and the projects. */
function fleetCore(): FakeCoreClient {
  return new FakeCoreClient()
    .answer('cluster/list-window', () => success(WINDOW))
    .answer('cluster/list', () => success(WHOLE))
    .answer('project/list', () => success(PROJECTS))
}

describe('ClustersState: the Fleet\'s first rows before the whole list', () => {
  test('first reads exactly the early read\'s input, shows its rows at the projects\' full sizes and the whole counts, and asks for the whole list only once they are painted and the page is quiet', async () => {
    let settled = (): void => undefined
    const core = fleetCore()
    const fleet = new ClustersState(core, { firstRowsSettled: () => new Promise((resolve) => (settled = resolve)) })
    const loading = fleet.load()
    await expect.poll(() => fleet.isShown).toBe(true)
    // The same text as first-screen.ts sends, so the load takes the early answer (early-reads.ts compares JSON).
    expect(JSON.stringify(core.callsOf('cluster/list-window'))).toBe(JSON.stringify([firstFleetWindowInput()]))
    expect(fleet.hasLoaded).toBe(false)
    expect(fleet.groups.map((g) => [g.projectId, g.size, g.clusters.map((c) => c.clusterId)])).toEqual([['p-a', 3, ['c-1', 'c-2']], ['p-b', 1, []]])
    expect(fleet.counts).toEqual({ protection: { protected: 2, 'at-risk': 1, unprotected: 1, 'not-eligible': 0 }, drifted: 0, noPolicy: 4 })
    expect(core.callsOf('cluster/list')).toEqual([])

    settled()
    await loading
    expect(fleet.hasLoaded).toBe(true)
    expect(fleet.firstRows).toBeNull()
    expect(fleet.groups.map((g) => [g.projectId, g.size, g.clusters.length])).toEqual([['p-a', 3, 3], ['p-b', 1, 1]])
    expect(fleet.counts).toEqual(WINDOW.counts)
  })

  test('reads the whole list alone after the first load (a sync, a change): the window is the page\'s first frame only', async () => {
    const core = fleetCore()
    const fleet = new ClustersState(core, { firstRowsSettled: () => Promise.resolve() })
    await fleet.load()
    await fleet.load()
    expect(core.callsOf('cluster/list-window')).toHaveLength(1)
    expect(core.callsOf('cluster/list')).toHaveLength(2)
  })

  test('never asks for the whole list when the screen is left before the page was quiet after the first rows (the next screen\'s reads would wait for it)', async () => {
    let settled = (): void => undefined
    const core = fleetCore()
    const fleet = new ClustersState(core, { firstRowsSettled: () => new Promise((resolve) => (settled = resolve)) })
    const stop = fleet.watch()
    const loading = fleet.load()
    await expect.poll(() => fleet.isShown).toBe(true)
    stop()
    settled()
    await loading
    expect(core.callsOf('cluster/list')).toEqual([])
    expect(core.callsOf('project/list')).toEqual([])
    expect(fleet.isLoading).toBe(false)
  })

  test('asks for the whole list at once when the admin wants more than the first rows (a scroll, a filter), without waiting for the quiet moment', async () => {
    const core = fleetCore()
    const fleet = new ClustersState(core, { firstRowsSettled: () => new Promise<void>(() => undefined) })
    const loading = fleet.load()
    await expect.poll(() => fleet.isShown).toBe(true)
    expect(core.callsOf('cluster/list')).toEqual([])
    fleet.wantWhole()
    await loading
    expect(core.callsOf('cluster/list')).toHaveLength(1)
    expect(fleet.hasLoaded).toBe(true)
  })

  test('finds a cluster among the first rows before the whole list is in (its details open at once), and one beyond them only once it is', async () => {
    const fleet = new ClustersState(fleetCore(), { firstRowsSettled: () => new Promise<void>(() => undefined) })
    const loading = fleet.load()
    await expect.poll(() => fleet.isShown).toBe(true)
    expect(fleet.byId('c-2')?.clusterName).toBe('cluster 02')
    expect(fleet.byId('c-2', 'org-b')).toBeUndefined()
    expect(fleet.byId('c-4')).toBeUndefined()
    fleet.wantWhole()
    await loading
    expect(fleet.byId('c-4')?.clusterName).toBe('cluster 04')
  })

  test('reads the whole list alone when told not to read the first rows (the Drafts look up any cluster)', async () => {
    const core = new FakeCoreClient()
      .answer('cluster/list', () => success(WHOLE))
      .answer('project/list', () => success(PROJECTS))
    const fleet = new ClustersState(core, { firstRows: false, firstRowsSettled: () => new Promise<void>(() => undefined) })
    await fleet.load()
    expect(core.calls.map((c) => c.name).sort()).toEqual(['cluster/list', 'project/list'])
    expect(fleet.byId('c-4')?.projectId).toBe('p-b')
  })
})
