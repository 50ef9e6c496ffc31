import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { policySummary } from '#contract/policy-text'
import { startOnLockstepClocks, stopAfterEach } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2 November 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 10, 2)

const stopLater = stopAfterEach()
type CsvRow = Record<string, string>
const parseCsv = (content: string): CsvRow[] => parse<CsvRow>(content, { columns: true, bom: true })
const iso = (ms: number): string => new Date(ms).toISOString()

const DAILY = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 30 } as const

describe('report/compliance for a past period: every figure is true for what its header says', () => {
  it("a cluster daily during the period and disabled after it: the row shows the period's policy, the newest good backup up to its end and its restorable points then; protection, template and advice are labelled now", async () => {
    const { emulator, clocks, core } = stopLater(await startOnLockstepClocks(MONDAY))
    const clusterId = emulator.createCluster({ clusterName: 'ml-features' }).clusterId
    await core.start()
    const moveTo = (t: number): void => clocks.moveTo(t, core.scheduler)
    expectOk(await core.invoke('connection/add', { name: 'Org A', baseUrl: emulator.url, apiKey: emulator.apiKey }))
    expectOk(await core.invoke('sync/run', {}))
    expectOk(await core.invoke('policy/apply', { clusterId, policy: DAILY }))
    // Ten daily backups, each proved by a sync; the policy is turned off on day 7, after the period's end.
    for (let day = 0; day < 10; day++) {
      moveTo(MONDAY + day * DAY + 7 * HOUR)
      expectOk(await core.invoke('sync/run', {}))
      if (day === 7) expectOk(await core.invoke('policy/apply', { clusterId, policy: { ...DAILY, enabled: false } }))
    }
    const now = MONDAY + 12 * DAY
    moveTo(now)
    expectOk(await core.invoke('sync/run', {}))

    const goodTimes = expectOk(await core.invoke('backup/history', { clusterId })).items
      .filter((b) => b.status === 'AVAILABLE').map((b) => Date.parse(b.createTime)).sort((a, b) => a - b)
    const to = MONDAY + 5 * DAY
    const before = goodTimes.filter((t) => t <= to)
    // Backups on both sides of the period's end, so "now" and "at the end" differ.
    expect(before.length).toBeGreaterThan(0)
    expect(goodTimes.length).toBeGreaterThan(before.length)

    const report = expectOk(await core.invoke('report/compliance', { from: iso(MONDAY), to: iso(to), format: 'csv' }))
    expect(report.content.split('\r\n')[0]).toBe(
      'cluster_id,cluster_name,project,region,plan,policy,template,drift,protection,achieved_rpo_minutes,rpo_counted_from,restorable_points,newest_good_backup,missed_windows,failed_windows,lint,policy_as_of,protection_template_drift_lint_as_of'
    )
    const [row] = parseCsv(report.content)
    expect(row).toMatchObject({
      cluster_id: clusterId,
      policy: policySummary(DAILY),
      policy_as_of: iso(to),
      newest_good_backup: iso(before.at(-1) ?? 0),
      restorable_points: String(before.length),
      protection_template_drift_lint_as_of: iso(now)
    })
    // The Fleet, now, says otherwise: proof the row above is not today's state.
    const fleet = expectOk(await core.invoke('cluster/status', {})).find((c) => c.clusterId === clusterId)
    expect(fleet?.policy?.enabled).toBe(false)
    expect(fleet?.protection.newestGood).toBe(iso(goodTimes.at(-1) ?? 0))
    expect(fleet?.protection.newestGood).not.toBe(row?.newest_good_backup)

    const html = expectOk(await core.invoke('report/compliance', { from: iso(MONDAY), to: iso(to), format: 'html' })).content
    expect(html).toContain('<th colspan="6" scope="colgroup">Period 2026-11-02 00:00 UTC to 2026-11-07 00:00 UTC</th>')
    expect(html).toContain('<th colspan="3" scope="colgroup">Now (generated 2026-11-14 00:00 UTC)</th>')
    expect(html).toContain('<th>Policy at period end</th>')
    expect(html).toContain('<th>Protection now</th>')
    expect(html).toContain(`<td>${policySummary(DAILY)}</td>`)
    expect(html).toContain(`<td>${iso(before.at(-1) ?? 0).slice(0, 10)} ${iso(before.at(-1) ?? 0).slice(11, 16)} UTC</td>`)
    expect(html).not.toContain('<td>Disabled')
  })

  it('a period that ends before the app first synced the cluster: the policy shown is the current one and says so, restorable points are unknown (empty), not 0', async () => {
    const { emulator, clocks, core } = stopLater(await startOnLockstepClocks(MONDAY + 10 * DAY))
    const clusterId = emulator.createCluster({ clusterName: 'analytics-staging' }).clusterId
    await core.start()
    expectOk(await core.invoke('connection/add', { name: 'Org A', baseUrl: emulator.url, apiKey: emulator.apiKey }))
    expectOk(await core.invoke('sync/run', {}))
    expectOk(await core.invoke('policy/apply', { clusterId, policy: { ...DAILY, enabled: false } }))
    const now = MONDAY + 11 * DAY
    clocks.moveTo(now, core.scheduler)
    expectOk(await core.invoke('sync/run', {}))

    const to = MONDAY + 7 * DAY
    const [row] = parseCsv(expectOk(await core.invoke('report/compliance', { from: iso(MONDAY), to: iso(to), format: 'csv' })).content)
    // Applied after the period, and the mirror before it began after the period too: the history cannot say.
    expect(row).toMatchObject({ cluster_id: clusterId, policy: 'Disabled', policy_as_of: iso(now), restorable_points: '', newest_good_backup: '' })
    const html = expectOk(await core.invoke('report/compliance', { from: iso(MONDAY), to: iso(to), format: 'html' })).content
    expect(html).toContain("<td>Disabled<br><small>now; not known at the period's end</small></td>")
  })

  it('a period ending now reads the Fleet figures: the period-end restorable points and newest good backup equal the current ones', async () => {
    const { emulator, clocks, core } = stopLater(await startOnLockstepClocks(MONDAY))
    const clusterId = emulator.createCluster({ clusterName: 'orders' }).clusterId
    await core.start()
    expectOk(await core.invoke('connection/add', { name: 'Org A', baseUrl: emulator.url, apiKey: emulator.apiKey }))
    expectOk(await core.invoke('sync/run', {}))
    expectOk(await core.invoke('policy/apply', { clusterId, policy: { ...DAILY, retentionDays: 2 } }))
    for (let day = 0; day < 6; day++) {
      clocks.moveTo(MONDAY + day * DAY + 7 * HOUR, core.scheduler)
      expectOk(await core.invoke('sync/run', {}))
    }
    const now = MONDAY + 6 * DAY
    clocks.moveTo(now, core.scheduler)
    expectOk(await core.invoke('sync/run', {}))
    const fleet = expectOk(await core.invoke('cluster/status', {})).find((c) => c.clusterId === clusterId)
    // Expired backups are not restorable points, at the end of a period as now.
    expect(fleet?.protection.restorablePoints).toBeGreaterThan(0)
    expect(fleet?.protection.restorablePoints).toBeLessThan(6)
    const [row] = parseCsv(expectOk(await core.invoke('report/compliance', { from: iso(MONDAY), to: iso(now), format: 'csv' })).content)
    expect(row).toMatchObject({
      restorable_points: String(fleet?.protection.restorablePoints),
      newest_good_backup: fleet?.protection.newestGood ?? '',
      policy: policySummary({ ...DAILY, retentionDays: 2 }),
      policy_as_of: iso(now)
    })
  })
})
