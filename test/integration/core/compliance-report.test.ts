import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { CoreError } from '#contract/errors'
import { watchedMs } from '#contract/protection'
import type { SavePdfDialog } from '#core/handlers/report.handlers'
import { ManualClock } from '#core/lib/clock'
import { clearCache } from '#core/store/mirror.repo'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { connect, startOnLockstepClocks, stopAfterEach, stopSyncedDemo } from '../../fakes/core-emulator.ts'
import { expectError, expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'
import { LockstepClocks } from '../../fakes/lockstep-clocks.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2 March 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 2, 2)

const stopLater = stopAfterEach()

type CsvRow = Record<string, string>
const parseCsv = (content: string): CsvRow[] => parse<CsvRow>(content, { columns: true, bom: true })
const iso = (ms: number): string => new Date(ms).toISOString()

/** The demo organization on a manual clock that the core reads too (the report's period is the emulator's). */
async function demoCore(options: { savePdf?: SavePdfDialog } = {}): Promise<{ emulator: RunningEmulator; core: TestCore; clock: ManualClock }> {
  const emulator = await startEmulator({ seed: 'demo', clockMode: 'manual' })
  const clock = new ManualClock(emulator.now())
  const { core } = stopLater({ emulator, core: createTestCore({ clock, ...options }) })
  await connect(core, emulator, 'Acme prod')
  expectOk(await core.invoke('sync/run', {}))
  return { emulator, core, clock }
}

describe('report/compliance', () => {
  it("names the file after the period's first and last local days, as the Reports dialog sends them (the end is the midnight after)", async () => {
    const { core, clock } = await demoCore()
    // The core runs in this process: its local days are this process's.
    const today = new Date(clock.now())
    const day = (offset: number): Date => new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset)
    const ymd = (d: Date): string => `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    const period = { from: day(-6).toISOString(), to: day(1).toISOString() }
    const csv = expectOk(await core.invoke('report/compliance', { ...period, format: 'csv' }))
    expect(csv.filename).toBe(`compliance-acme-prod-${ymd(day(-6))}-${ymd(day(0))}.csv`)
    const history = expectOk(await core.invoke('report/policy-history', { from: period.from, to: period.to }))
    expect(history.filename).toBe(`policy-history-acme-prod-${ymd(day(-6))}-${ymd(day(0))}.csv`)
  })

  it('CSV: a header row, CRLF records, one row per cluster that parses back (csv-parse) to the Fleet figures', async () => {
    const { core, clock } = await demoCore()
    const now = clock.now()
    const report = expectOk(await core.invoke('report/compliance', { from: iso(now - 30 * DAY), to: iso(now), format: 'csv' }))
    // The days in the name are checked by the test above (local days, the end exclusive).
    expect(report.filename).toMatch(/^compliance-acme-prod-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(report.content.split('\r\n')[0]).toBe(
      'cluster_id,cluster_name,project,region,plan,policy,template,drift,protection,achieved_rpo_minutes,rpo_counted_from,restorable_points,newest_good_backup,missed_windows,failed_windows,lint,policy_as_of,protection_template_drift_lint_as_of'
    )
    const rows = parseCsv(report.content)
    const fleet = expectOk(await core.invoke('cluster/status', {}))
    expect(rows.map((r) => r.cluster_id).sort()).toEqual(fleet.map((c) => c.clusterId).sort())
    for (const cluster of fleet) {
      const row = rows.find((r) => r.cluster_id === cluster.clusterId)
      expect(row, cluster.clusterName).toMatchObject({
        cluster_name: cluster.clusterName,
        project: cluster.projectName,
        protection: cluster.protection.class,
        // Over the last 30 days the report's achieved RPO is the Fleet's.
        achieved_rpo_minutes: cluster.protection.rpoMs === null ? '' : String(Math.floor(cluster.protection.rpoMs / 60_000)),
        rpo_counted_from: iso(now - watchedMs(cluster.protection.knownSince, now)),
        restorable_points: String(cluster.protection.restorablePoints),
        newest_good_backup: cluster.protection.newestGood ?? ''
      })
    }
    const search = rows.find((r) => r.cluster_name === 'search-prod')
    expect(search).toMatchObject({ policy: 'Mon, Wed, Fri · 22:00–00:00 UTC · 14 days', lint: 'info: no-copy-on-prod' })
  })

  it('scopes to the chosen clusters, and refuses a period that ends before it starts, an unknown format or connection', async () => {
    const { core, clock } = await demoCore()
    const now = clock.now()
    const fleet = expectOk(await core.invoke('cluster/list', {}))
    const chosen = fleet.slice(0, 2).map((c) => c.clusterId)
    const scoped = expectOk(await core.invoke('report/compliance', { from: iso(now - DAY), to: iso(now), format: 'csv', clusterIds: chosen }))
    expect(parseCsv(scoped.content).map((r) => r.cluster_id).sort()).toEqual([...chosen].sort())

    const invalid = expectError(await core.invoke('report/compliance', { from: iso(now), to: iso(now - DAY), format: 'csv' }))
    expect(invalid.code).toBe('input/invalid')
    expect(invalid.message).toContain('to')
    expect(expectError(await core.invoke('report/compliance', { from: iso(now - DAY), to: iso(now), format: 'pdf' })).code).toBe('input/invalid')
    expect(expectError(await core.invoke('report/compliance', { from: iso(now - DAY), to: iso(now), format: 'csv', connectionId: 'nope' })).code).toBe('not-found')
  })

  it('HTML: a self-contained printable page with no script, every value escaped (a hostile cluster name)', async () => {
    const { emulator, core, clock } = await demoCore()
    emulator.createCluster({ clusterName: '<img src=x onerror=alert(1)>&"\'' })
    expectOk(await core.invoke('sync/run', {}))
    const now = clock.now()
    const page = expectOk(await core.invoke('report/compliance', { from: iso(now - 7 * DAY), to: iso(now), format: 'html' }))
    expect(page.filename).toMatch(/^compliance-acme-prod-.+\.html$/)
    expect(page.content).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;')
    expect(page.content).not.toContain('<img')
    expect(page.content).not.toMatch(/<script|javascript:|<link|src=["']?http/i)
    expect(page.content).toContain('@media print')
    expect(page.content).toContain('search-prod')
  })

  it('exports the policy change history of the period as CSV, oldest first', async () => {
    const { core, clock } = await demoCore()
    const search = expectOk(await core.invoke('cluster/list', {})).find((c) => c.clusterName === 'search-prod')
    const applied = expectOk(await core.invoke('policy/apply', {
      clusterId: search?.clusterId ?? '',
      policy: { enabled: true, frequency: '1,3,5', startTime: '22:00-00:00', retentionDays: 21 }
    }))
    expect(applied.state).toBe('synced')
    const now = clock.now()
    const csv = expectOk(await core.invoke('report/policy-history', { from: iso(now - DAY), to: iso(now + DAY) }))
    expect(csv.filename).toMatch(/^policy-history-acme-prod-.+\.csv$/)
    const rows = parseCsv(csv.content)
    expect(rows.at(-1)).toMatchObject({
      cluster_id: search?.clusterId,
      cluster_name: 'search-prod',
      source: 'local-push',
      before: 'Mon, Wed, Fri · 22:00–00:00 UTC · 14 days',
      after: 'Mon, Wed, Fri · 22:00–00:00 UTC · 21 days'
    })
  })
})

describe('report/compliance-pdf', () => {
  it('hands the desktop printer the very page report/compliance html builds for the same parameters, named .pdf, and answers where it was saved', async () => {
    const printed: { name: string; html: string }[] = []
    const { core, clock } = await demoCore({
      savePdf: (name, html) => {
        printed.push({ name, html })
        return Promise.resolve({ saved: true, path: `/home/admin/${name}` })
      }
    })
    const now = clock.now()
    const fleet = expectOk(await core.invoke('cluster/list', {}))
    const params = { from: iso(now - 7 * DAY), to: iso(now), clusterIds: fleet.slice(0, 2).map((c) => c.clusterId) }
    const page = expectOk(await core.invoke('report/compliance', { ...params, format: 'html' }))
    const saved = expectOk(await core.invoke('report/compliance-pdf', params))
    expect(printed).toEqual([{ name: page.filename.replace(/\.html$/, '.pdf'), html: page.content }])
    expect(saved).toEqual({ saved: true, path: `/home/admin/${printed[0]?.name ?? ''}` })
  })

  it('takes only the report parameters: markup, a format or an unknown field is refused as input/invalid before anything prints', async () => {
    let calls = 0
    const { core, clock } = await demoCore({
      savePdf: () => {
        calls++
        return Promise.resolve({ saved: false, path: null })
      }
    })
    const now = clock.now()
    const period = { from: iso(now - DAY), to: iso(now) }
    expect(expectError(await core.invoke('report/compliance-pdf', { ...period, html: '<h1>not ours</h1>' })).code).toBe('input/invalid')
    expect(expectError(await core.invoke('report/compliance-pdf', { ...period, format: 'html' })).code).toBe('input/invalid')
    expect(expectError(await core.invoke('report/compliance-pdf', { from: period.to, to: period.from })).code).toBe('input/invalid')
    expect(calls).toBe(0)
    // A cancelled save dialog is an answer, not an error.
    expect(expectOk(await core.invoke('report/compliance-pdf', period))).toEqual({ saved: false, path: null })
    expect(calls).toBe(1)
  })

  it('is refused with a clear message where nothing can print (the browser host), and a printer failure reaches the page as its own message', async () => {
    const { emulator, core, clock } = await demoCore()
    const now = clock.now()
    const period = { from: iso(now - DAY), to: iso(now) }
    const refused = expectError(await core.invoke('report/compliance-pdf', period))
    expect(refused.code).toBe('input/invalid')
    expect(refused.message).toContain('only available in the desktop app')

    await stopSyncedDemo({ emulator, core })
    const failing = await demoCore({ savePdf: () => Promise.reject(new CoreError('internal', 'The report could not be printed to a PDF (ERR_FAILED).')) })
    const failed = expectError(await failing.core.invoke('report/compliance-pdf', { from: iso(failing.clock.now() - DAY), to: iso(failing.clock.now()) }))
    expect(failed).toMatchObject({ code: 'internal', message: 'The report could not be printed to a PDF (ERR_FAILED).' })
  })
})

describe('report/compliance over three simulated weeks', () => {
  it('counts exactly the windows that had no automatic backup as missed, as the notification ledger recorded them', async () => {
    /*
     * 30-hour backup jobs: Zilliz skips a window while the previous AUTO backup still runs (emulator README,
     * Inferred choice 11), so a daily policy gets some windows with no backup at all.
     */
    const { emulator: running, clocks, core: test } = stopLater(await startOnLockstepClocks(MONDAY, { jobDurationMs: 30 * HOUR }))
    const clusterId = running.createCluster({ clusterName: 'orders-nightly' }).clusterId
    await test.start()
    const moveTo = (t: number): void => clocks.moveTo(t, test.scheduler)
    expectOk(await test.invoke('connection/add', { name: 'Org', baseUrl: running.url, apiKey: running.apiKey }))
    expectOk(await test.invoke('sync/run', {}))
    expectOk(await test.invoke('policy/apply', { clusterId, policy: { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 30 } }))
    // Each day: past the window's deadline (04:00 + 2 h grace), a sync proves what ran.
    for (let day = 0; day < 21; day++) {
      moveTo(MONDAY + day * DAY + 7 * HOUR)
      expectOk(await test.invoke('sync/run', {}))
    }
    moveTo(MONDAY + 21 * DAY)

    // The ground truth: the emulator's own AUTO backups against the 21 windows.
    const autos = running.state().backups.filter((b) => b.clusterId === clusterId && b.creationMethod === 'AUTO').map((b) => b.createTime)
    const windows = Array.from({ length: 21 }, (_, day) => MONDAY + day * DAY + 2 * HOUR)
    const missed = windows.filter((start) => !autos.some((t) => t >= start && t < start + 2 * HOUR))
    expect(missed.length).toBeGreaterThan(0)
    expect(missed.length).toBeLessThan(21)

    const report = expectOk(await test.invoke('report/compliance', { from: iso(MONDAY), to: iso(MONDAY + 21 * DAY), format: 'csv' }))
    const [row] = parseCsv(report.content)
    expect(row).toMatchObject({ cluster_id: clusterId, missed_windows: String(missed.length), failed_windows: '0' })
    // The second week alone holds its own share of them.
    const week2 = expectOk(await test.invoke('report/compliance', { from: iso(MONDAY + 7 * DAY), to: iso(MONDAY + 14 * DAY), format: 'csv' }))
    const inWeek2 = missed.filter((t) => t >= MONDAY + 7 * DAY && t < MONDAY + 14 * DAY).length
    expect(parseCsv(week2.content)[0]?.missed_windows).toBe(String(inWeek2))
  })
})

describe('the achieved RPO counts only time the app could have seen (the demo organization)', () => {
  it("orders-prod after the first sync: about a day over the days watched, not the 28-day-old manual backup's weeks; a cache rebuild keeps counting from the same start", async () => {
    const { core: demo, clock, emulator } = await demoCore()
    const now = clock.now()
    const orders = expectOk(await demo.invoke('cluster/list', {})).find((c) => c.clusterName === 'orders-prod')
    if (orders === undefined) throw new Error('no orders-prod in the demo')
    // The history does hold the manual backup of 28 days ago: before this rule it read as a 21-day gap.
    const history = expectOk(await demo.invoke('backup/history', { clusterId: orders.clusterId }))
    expect(history.items.some((b) => b.creationMethod === 'MANUAL' && now - Date.parse(b.createTime) > 27 * DAY)).toBe(true)
    // Daily 02:00–04:00 backups kept 7 days: counted from the oldest daily listed, so about a day over 6 to 7 days.
    expect(orders.protection.rpoMs).toBeGreaterThan(20 * HOUR)
    expect(orders.protection.rpoMs).toBeLessThan(28 * HOUR)
    const watched = watchedMs(orders.protection.knownSince, now)
    expect(watched).toBeGreaterThan(6 * DAY)
    expect(watched).toBeLessThan(7 * DAY)

    const csv = parseCsv(expectOk(await demo.invoke('report/compliance', { from: iso(now - 30 * DAY), to: iso(now), format: 'csv' })).content)
    expect(csv.find((r) => r.cluster_name === 'orders-prod')).toMatchObject({
      achieved_rpo_minutes: String(Math.floor((orders.protection.rpoMs ?? 0) / 60_000)),
      rpo_counted_from: orders.protection.knownSince
    })
    const html = expectOk(await demo.invoke('report/compliance', { from: iso(now - 30 * DAY), to: iso(now), format: 'html' })).content
    // The span by the RPO's own rule (formatGap), never rounded down below the RPO it bounds.
    expect(html).toMatch(/<td class="num">\d+ h over the 6 d (\d+ h )?watched<\/td>/)
    expect(html).toContain('Achieved RPO counts only the time since Backup Desk first listed')

    // A cache rebuild (as after restoring a database copy), then a sync a day later: still counted from the same start.
    clearCache(demo.db)
    new LockstepClocks(emulator, clock).set(now + DAY)
    expectOk(await demo.invoke('sync/run', {}))
    const later = expectOk(await demo.invoke('cluster/list', {})).find((c) => c.clusterId === orders.clusterId)
    expect(later?.protection.knownSince).toBe(orders.protection.knownSince)
    expect(watchedMs(later?.protection.knownSince ?? null, now + DAY)).toBe(watched + DAY)
  })
})

describe('the achieved RPO includes the open gap since the newest good backup (the demo organization)', () => {
  it('analytics-staging, its policy disabled 12 days ago: the RPO is the open gap of about 12 days, in the Fleet and the report alike', async () => {
    const { core: demo, clock } = await demoCore()
    const now = clock.now()
    const analytics = expectOk(await demo.invoke('cluster/list', {})).find((c) => c.clusterName === 'analytics-staging')
    if (analytics === undefined) throw new Error('no analytics-staging in the demo')
    // Kept 30 days, so every good backup is still AVAILABLE: the newest of them ends the last closed gap (a day).
    const history = expectOk(await demo.invoke('backup/history', { clusterId: analytics.clusterId }))
    const newestGood = Math.max(...history.items.filter((b) => b.status === 'AVAILABLE').map((b) => Date.parse(b.createTime)))
    const currentGap = now - newestGood
    expect(currentGap).toBeGreaterThan(12 * DAY)
    // Counted over the full 30 days (known since its oldest daily), so the open gap is whole: it is the RPO.
    expect(watchedMs(analytics.protection.knownSince, now)).toBeGreaterThan(29 * DAY)
    expect(analytics.protection.rpoMs).toBe(currentGap)
    const csv = parseCsv(expectOk(await demo.invoke('report/compliance', { from: iso(now - 30 * DAY), to: iso(now), format: 'csv' })).content)
    expect(csv.find((r) => r.cluster_id === analytics.clusterId)?.achieved_rpo_minutes).toBe(String(Math.floor(currentGap / 60_000)))
    const html = expectOk(await demo.invoke('report/compliance', { from: iso(now - 30 * DAY), to: iso(now), format: 'html' })).content
    expect(html).toContain("the time since the newest one up to the period's end included")
  })
})
