import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '#core/lib/clock'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { expectOk } from '../../fakes/envelope.ts'
import { LockstepClocks } from '../../fakes/lockstep-clocks.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2 March 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 2, 2)
const DAILY = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 30 }

type CsvRow = Record<string, string>
const parseCsv = (content: string): CsvRow[] => parse<CsvRow>(content, { columns: true, bom: true })
const iso = (ms: number): string => new Date(ms).toISOString()

let running: { core: TestCore; emulators: RunningEmulator[] } | null = null
afterEach(async () => {
  if (running === null) return
  await running.core.close()
  for (const emulator of running.emulators) await emulator.close()
  running = null
})

/**
 * Two organizations whose emulators list the SAME cluster id (the same organization added twice, or an emulator
 * run again): in the first, backup jobs take 30 hours, so a daily policy misses windows (Zilliz skips a window
 * while the previous AUTO backup still runs, emulator README, Inferred choice 11); in the second, none is missed.
 */
async function twoOrganizationsOverAWeek(): Promise<{ core: TestCore; slowId: string; fastId: string; clusterId: string; slow: RunningEmulator }> {
  const options = { seed: 'empty', clockMode: 'manual', startTime: MONDAY, rateLimit: 10_000 } as const
  const slow = await startEmulator({ ...options, jobDurationMs: 30 * HOUR })
  const fast = await startEmulator(options)
  const clock = new ManualClock(MONDAY)
  const core = createTestCore({ clock })
  running = { core, emulators: [slow, fast] }
  const clusterId = slow.createCluster({ clusterName: 'orders-nightly' }).clusterId
  expect(fast.createCluster({ clusterName: 'orders-nightly' }).clusterId).toBe(clusterId)
  await core.start()
  const clocks = new LockstepClocks([slow, fast], clock)
  const slowId = expectOk(await core.invoke('connection/add', { name: 'Slow org', baseUrl: slow.url, apiKey: slow.apiKey })).id
  const fastId = expectOk(await core.invoke('connection/add', { name: 'Fast org', baseUrl: fast.url, apiKey: fast.apiKey })).id
  for (const connectionId of [slowId, fastId]) {
    expectOk(await core.invoke('sync/run', { connectionId }))
    // policy/apply acts on the active organization's cluster of that id.
    expectOk(await core.invoke('connection/activate', { id: connectionId }))
    expectOk(await core.invoke('policy/apply', { clusterId, policy: DAILY }))
  }
  // Each day past the window's deadline (04:00 + 2 h grace) both organizations sync; the watcher judges each window.
  for (let day = 0; day < 7; day++) {
    clocks.moveTo(MONDAY + day * DAY + 7 * HOUR, core.scheduler)
    for (const connectionId of [slowId, fastId]) expectOk(await core.invoke('sync/run', { connectionId }))
  }
  clocks.moveTo(MONDAY + 7 * DAY, core.scheduler)
  return { core, slowId, fastId, clusterId, slow }
}

describe('two organizations listing the same cluster id', () => {
  it('each compliance report counts only its own organization’s missed windows', async () => {
    const { core, slowId, fastId, clusterId, slow } = await twoOrganizationsOverAWeek()
    const autos = slow.state().backups.filter((b) => b.clusterId === clusterId && b.creationMethod === 'AUTO').map((b) => b.createTime)
    const windows = Array.from({ length: 7 }, (_, day) => MONDAY + day * DAY + 2 * HOUR)
    const missed = windows.filter((start) => !autos.some((t) => t >= start && t < start + 2 * HOUR))
    expect(missed.length).toBeGreaterThan(0)

    const period = { from: iso(MONDAY), to: iso(MONDAY + 7 * DAY), format: 'csv' } as const
    const [slowRow] = parseCsv(expectOk(await core.invoke('report/compliance', { ...period, connectionId: slowId })).content)
    const [fastRow] = parseCsv(expectOk(await core.invoke('report/compliance', { ...period, connectionId: fastId })).content)
    expect(slowRow).toMatchObject({ cluster_id: clusterId, missed_windows: String(missed.length) })
    expect(fastRow).toMatchObject({ cluster_id: clusterId, missed_windows: '0', failed_windows: '0' })
  })

  it('each organization’s backup history and Timeline lane show only its own missed windows and backups', async () => {
    const { core, slowId, fastId, clusterId } = await twoOrganizationsOverAWeek()
    const range = { clusterId, from: iso(MONDAY), to: iso(MONDAY + 7 * DAY) }
    const slowHistory = expectOk(await core.invoke('backup/history', { ...range, connectionId: slowId }))
    const fastHistory = expectOk(await core.invoke('backup/history', { ...range, connectionId: fastId }))
    expect(slowHistory.missedWindows.length).toBeGreaterThan(0)
    expect(fastHistory.missedWindows).toEqual([])

    const lanes = { from: iso(MONDAY), to: iso(MONDAY + 7 * DAY), offset: 0, limit: 10 }
    const missedMarks = async (connectionId: string): Promise<number> => {
      const answer = expectOk(await core.invoke('timeline/lanes', { ...lanes, connectionId }))
      return answer.lanes.flatMap((lane) => lane.marks).filter((mark) => mark.kind === 'missed').length
    }
    expect(await missedMarks(slowId)).toBe(slowHistory.missedWindows.length)
    expect(await missedMarks(fastId)).toBe(0)

    // The Timeline of every organization (as the app asks for it): one lane each, each with only its own marks.
    const all = expectOk(await core.invoke('timeline/lanes', { ...lanes })).lanes
    const laneOf = (connectionId: string) => all.find((lane) => lane.clusterId === clusterId && lane.connectionId === connectionId)
    const count = (connectionId: string, ...kinds: string[]): number => laneOf(connectionId)?.marks.filter((mark) => kinds.includes(mark.kind)).length ?? -1
    expect(all).toHaveLength(2)
    expect(count(slowId, 'missed')).toBe(slowHistory.missedWindows.length)
    expect(count(fastId, 'missed')).toBe(0)
    // Its own AUTO backups: done, or (30-hour jobs) still being created.
    const autos = (items: typeof slowHistory.items): number => items.filter((b) => b.creationMethod === 'AUTO').length
    expect(count(slowId, 'auto', 'creating')).toBe(autos(slowHistory.items))
    expect(count(fastId, 'auto', 'creating')).toBe(autos(fastHistory.items))
    expect(autos(fastHistory.items)).toBeGreaterThan(autos(slowHistory.items))
  })
})
