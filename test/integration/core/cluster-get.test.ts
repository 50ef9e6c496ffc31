import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clusterDetailSchema, fleetRowSchema } from '#contract/commands/cluster'
import type { RunningEmulator } from '#emulator/index'
import type { TestCore } from '../../fakes/test-core.ts'
import { startSyncedDemo, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'

let emulator: RunningEmulator
let core: TestCore

beforeEach(async () => {
  // Expiry is judged on the core's system clock: the emulator's clock starts at the same instant.
  ;({ emulator, core } = await startSyncedDemo({ startTime: Date.now() }))
})

afterEach(() => stopSyncedDemo({ emulator, core }))

describe('the Fleet rows and the details on demand', () => {
  it('lists only the fields the Fleet rows show, with nothing beyond the row schema', async () => {
    const clusters = expectOk(await core.invoke('cluster/list', {}))
    expect(clusters.length).toBeGreaterThan(0)
    const rowFields = Object.keys(fleetRowSchema.shape).sort()
    for (const cluster of clusters) {
      expect(Object.keys(cluster).sort()).toEqual(rowFields)
      expect(Object.keys(cluster.protection).sort()).toEqual(Object.keys(fleetRowSchema.shape.protection.shape).sort())
    }
  })

  it('answers one cluster with its row and the facts only the details pane shows', async () => {
    const listed = expectOk(await core.invoke('cluster/list', {})).find((c) => c.clusterName === 'search-prod')
    const detail = expectOk(await core.invoke('cluster/get', { clusterId: listed?.clusterId ?? '' }))
    expect(clusterDetailSchema.parse(detail)).toEqual(detail)
    expect(detail).toMatchObject({ ...listed, cuType: 'Capacity-optimized', cuSize: 8, unsupportedReason: null })
    expect(Date.parse(detail.policyReadAt ?? '')).not.toBeNaN()
    expect(Date.parse(detail.createTime ?? '')).not.toBeNaN()
  })

  it('lints the mirrored policy with the connection tag as an input, and leaves out a rule switched off in Settings', async () => {
    const clusters = expectOk(await core.invoke('cluster/list', {}))
    const idOf = (name: string): string => clusters.find((c) => c.clusterName === name)?.clusterId ?? ''
    const rulesOf = async (name: string): Promise<string[]> =>
      expectOk(await core.invoke('cluster/get', { clusterId: idOf(name) })).lint.map((f) => f.ruleId)
    // search-prod is in the project "Production": production by its name, and it keeps no cross-region copy.
    expect(await rulesOf('search-prod')).toContain('no-copy-on-prod')
    // analytics-staging has its policy disabled: only a production tag on its connection makes that a finding.
    expect(await rulesOf('analytics-staging')).not.toContain('disabled-on-prod')
    const [connection] = expectOk(await core.invoke('connection/list', {}))
    expectOk(await core.invoke('connection/set-tag', { id: connection?.id ?? '', tag: { label: 'prod', color: 'red' } }))
    const staging = expectOk(await core.invoke('cluster/get', { clusterId: idOf('analytics-staging') })).lint
    expect(staging.find((f) => f.ruleId === 'disabled-on-prod')).toMatchObject({ severity: 'warning', message: 'Automatic backups are off on a production cluster.' })

    expectOk(await core.invoke('protection-settings/update', { lintRulesOff: ['disabled-on-prod'] }))
    expect(await rulesOf('analytics-staging')).not.toContain('disabled-on-prod')
    expect(await rulesOf('search-prod')).toContain('no-copy-on-prod')
  })

  it('gives each Fleet row the count and worst severity of the findings its details list, and follows Settings', async () => {
    const expectRowsAgreeWithDetails = async (): Promise<void> => {
      for (const row of expectOk(await core.invoke('cluster/list', {}))) {
        const { lint } = expectOk(await core.invoke('cluster/get', { clusterId: row.clusterId }))
        const worst = ['error', 'warning', 'info'].find((s) => lint.some((f) => f.severity === s))
        expect(row.lintSummary, row.clusterName).toEqual(lint.length === 0 ? null : { worst, count: lint.length })
      }
    }
    const row = async (name: string) => expectOk(await core.invoke('cluster/list', {})).find((c) => c.clusterName === name)
    await expectRowsAgreeWithDetails()
    // search-prod (project Production) keeps no cross-region copy: a note.
    expect((await row('search-prod'))?.lintSummary).toMatchObject({ worst: 'info' })
    // A production tag makes analytics-staging's disabled policy a warning, the worst of its findings.
    const [connection] = expectOk(await core.invoke('connection/list', {}))
    expectOk(await core.invoke('connection/set-tag', { id: connection?.id ?? '', tag: { label: 'prod', color: 'red' } }))
    expect((await row('analytics-staging'))?.lintSummary).toMatchObject({ worst: 'warning' })
    await expectRowsAgreeWithDetails()
    expectOk(await core.invoke('protection-settings/update', { lintRulesOff: ['disabled-on-prod', 'no-copy-on-prod', 'window-in-office-hours', 'retention-shorter-than-gap'] }))
    expect((await row('search-prod'))?.lintSummary).toBeNull()
    await expectRowsAgreeWithDetails()
  })

  it('offers "Keep a copy now" only while the newest good backup expires within the expiring lead with nothing newer', async () => {
    const byName = async (name: string) => expectOk(await core.invoke('cluster/list', {})).find((c) => c.clusterName === name)
    // Daily backups kept 7 days: the newest expires in 6–7 days, outside the default 24 h lead.
    expect((await byName('orders-prod'))?.protection.keepCopy).toBeNull()
    expectOk(await core.invoke('settings/update', { expiringLeadHours: 7 * 24 }))
    const orders = await byName('orders-prod')
    const newest = expectOk(await core.invoke('backup/list', { clusterId: orders?.clusterId ?? '', status: 'AVAILABLE', limit: 1 })).items[0]
    expect(orders?.protection.keepCopy).toEqual({ backupId: newest?.backupId, backupName: newest?.backupName, expireTime: newest?.expireTime, size: newest?.size })
    // search-prod keeps 14 days: its newest backup is not about to expire.
    expect((await byName('search-prod'))?.protection.keepCopy).toBeNull()

    expectOk(await core.invoke('backup/create', { clusterId: orders?.clusterId ?? '' }))
    // A newer backup is being made: nothing to keep any more, in the row and in the details.
    expect((await byName('orders-prod'))?.protection.keepCopy).toBeNull()
    expect(expectOk(await core.invoke('cluster/get', { clusterId: orders?.clusterId ?? '' })).protection.keepCopy).toBeNull()
  })

  it('says why a Free cluster has no backups', async () => {
    const free = expectOk(await core.invoke('cluster/list', {})).find((c) => c.deployment === 'Free')
    const detail = expectOk(await core.invoke('cluster/get', { clusterId: free?.clusterId ?? '' }))
    expect(detail).toMatchObject({ supportsBackup: false, health: 'unknown', policyReadAt: null })
    expect(detail.unsupportedReason).toContain('Free clusters cannot be backed up')
  })

  it('answers not-found for a cluster that is not cached, and input/invalid naming the field for a bad id', async () => {
    expect(expectError(await core.invoke('cluster/get', { clusterId: 'in01-not-there' })).code).toBe('not-found')
    const invalid = expectError(await core.invoke('cluster/get', { clusterId: 'x'.repeat(500) }))
    expect(invalid.code).toBe('input/invalid')
    expect(invalid.message).toContain('clusterId')
    expect(invalid.message).not.toContain('x'.repeat(500))
  })
})
