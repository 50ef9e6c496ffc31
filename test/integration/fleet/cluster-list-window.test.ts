import { afterEach, describe, expect, it } from 'vitest'
import type { FleetRow } from '#contract/commands/cluster'
import { fleetCounts, groupByProject } from '#contract/fleet-rules'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import { ManualClock } from '#core/lib/clock'
import { DEMO_START, FAST_LIMITS, demoEmulatorOptions, startConnected, stopSyncedDemo, type SyncedDemo } from '../../fakes/core-emulator.ts'

const LOCALE = 'en-US'
let demo: SyncedDemo | undefined

/**
 * The demo, synced, with the core's clock held still: the achieved RPO counts the open gap up to now, so two reads
 * compared row by row are made at the same instant.
 */
async function startSyncedDemo(): Promise<SyncedDemo> {
  const started = await startConnected(demoEmulatorOptions(), { limits: FAST_LIMITS, clock: new ManualClock(DEMO_START) })
  expectOk(await started.core.invoke('sync/run', {}))
  return started
}

afterEach(async () => {
  if (demo !== undefined) await stopSyncedDemo(demo)
  demo = undefined
})

/** The whole list as the Fleet draws it: grouped and ordered by the renderer's one rule (contract/fleet-rules.ts). */
async function fleetAsDrawn(started: SyncedDemo): Promise<{ rows: FleetRow[]; sizes: [string, number][] }> {
  const list = expectOk(await started.core.invoke('cluster/list', {}))
  const projects = expectOk(await started.core.invoke('project/list', {}))
  const groups = groupByProject(list, projects, LOCALE)
  return { rows: groups.flatMap((g) => g.clusters), sizes: groups.map((g) => [g.projectId, g.clusters.length]) }
}

describe('cluster/list-window: the Fleet\'s first rows (core/fleet/fleet-window.ts)', () => {
  it('answers the first rows in the Fleet\'s order exactly as cluster/list has them, with the whole fleet\'s counts and project sizes', async () => {
    demo = await startSyncedDemo()
    const whole = await fleetAsDrawn(demo)
    expect(whole.rows.length).toBeGreaterThan(5)
    const window = expectOk(await demo.core.invoke('cluster/list-window', { limit: 5, locale: LOCALE }))
    expect(window.rows).toEqual(whole.rows.slice(0, 5))
    expect(window.total).toBe(whole.rows.length)
    expect(window.projects.map((p) => [p.projectId, p.clusterCount])).toEqual(whole.sizes)
    expect(window.counts).toEqual(fleetCounts(whole.rows))
    // The counts are not all in one part: a wrong part would show.
    expect(Object.values(window.counts.protection).filter((n) => n > 0).length).toBeGreaterThan(1)

    const all = expectOk(await demo.core.invoke('cluster/list-window', { limit: 1000, locale: LOCALE }))
    expect(all.rows).toEqual(whole.rows)
  })

  it('follows a sync: a cluster a colleague created in the console changes the counts and rows as it changes the full list', async () => {
    demo = await startSyncedDemo()
    const before = expectOk(await demo.core.invoke('cluster/list-window', { limit: 3, locale: LOCALE }))
    const created = await fetch(`${demo.emulator.url}/_emulator/clusters`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clusterName: 'aaa-new-cluster' }) })
    expect(created.ok).toBe(true)
    expectOk(await demo.core.invoke('sync/run', {}))

    const after = expectOk(await demo.core.invoke('cluster/list-window', { limit: 3, locale: LOCALE }))
    const whole = await fleetAsDrawn(demo)
    expect(after.total).toBe(before.total + 1)
    // A Dedicated cluster with no policy yet: one more "without a policy".
    expect(after.counts.noPolicy).toBe(before.counts.noPolicy + 1)
    expect(after.counts).toEqual(fleetCounts(whole.rows))
    expect(after.rows).toEqual(whole.rows.slice(0, 3))
  })

  it('refuses a window of no rows and a locale that is not a locale tag as input/invalid naming the field, without echoing it', async () => {
    demo = await startSyncedDemo()
    const noRows = expectError(await demo.core.invoke('cluster/list-window', { limit: 0 }))
    expect(noRows.code).toBe('input/invalid')
    expect(noRows.message).toContain('limit')
    const badLocale = expectError(await demo.core.invoke('cluster/list-window', { limit: 5, locale: 'zz-not_a*locale' }))
    expect(badLocale.code).toBe('input/invalid')
    expect(badLocale.message).toContain('locale')
    expect(JSON.stringify(badLocale)).not.toContain('zz-not_a*locale')
  })
})
