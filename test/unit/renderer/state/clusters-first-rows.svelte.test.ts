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

describe('ClustersState: the Fleet\'s first rows before the whole list', () => {
  test('first reads exactly the early read\'s input, shows its rows at the projects\' full sizes and the whole counts, and asks for the whole list only once they are painted', async () => {
    let painted = (): void => undefined
    const core = new FakeCoreClient()
      .answer('cluster/list-window', () => success(WINDOW))
      .answer('cluster/list', () => success(WHOLE))
      .answer('project/list', () => success(PROJECTS))
    const fleet = new ClustersState(core, () => new Promise((resolve) => (painted = resolve)))
    const loading = fleet.load()
    await expect.poll(() => fleet.isShown).toBe(true)
    // The same text as first-screen.ts sends, so the load takes the early answer (early-reads.ts compares JSON).
    expect(JSON.stringify(core.callsOf('cluster/list-window'))).toBe(JSON.stringify([firstFleetWindowInput()]))
    expect(fleet.hasLoaded).toBe(false)
    expect(fleet.groups.map((g) => [g.projectId, g.size, g.clusters.map((c) => c.clusterId)])).toEqual([['p-a', 3, ['c-1', 'c-2']], ['p-b', 1, []]])
    expect(fleet.counts).toEqual({ protection: { protected: 2, 'at-risk': 1, unprotected: 1, 'not-eligible': 0 }, drifted: 0, noPolicy: 4 })
    expect(core.callsOf('cluster/list')).toEqual([])

    painted()
    await loading
    expect(fleet.hasLoaded).toBe(true)
    expect(fleet.firstRows).toBeNull()
    expect(fleet.groups.map((g) => [g.projectId, g.size, g.clusters.length])).toEqual([['p-a', 3, 3], ['p-b', 1, 1]])
    expect(fleet.counts).toEqual(WINDOW.counts)
  })

  test('reads the whole list alone after the first load (a sync, a change): the window is the page\'s first frame only', async () => {
    const core = new FakeCoreClient()
      .answer('cluster/list-window', () => success(WINDOW))
      .answer('cluster/list', () => success(WHOLE))
      .answer('project/list', () => success(PROJECTS))
    const fleet = new ClustersState(core, () => Promise.resolve())
    await fleet.load()
    await fleet.load()
    expect(core.callsOf('cluster/list-window')).toHaveLength(1)
    expect(core.callsOf('cluster/list')).toHaveLength(2)
  })
})
