import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { expectOk } from '../../fakes/envelope.ts'
import { DAY, HOUR, MONDAY, startTwoOrganizationsSharingAClusterId, type TwoOrganizations } from '../../fakes/two-organizations.ts'

type CsvRow = Record<string, string>
const parseCsv = (content: string): CsvRow[] => parse<CsvRow>(content, { columns: true, bom: true })
const iso = (ms: number): string => new Date(ms).toISOString()

let running: TwoOrganizations | null = null
afterEach(async () => {
  await running?.close()
  running = null
})

/** The two organizations after a week of daily syncs: the first organization's windows were missed. */
async function twoOrganizationsOverAWeek(): Promise<TwoOrganizations> {
  running = await startTwoOrganizationsSharingAClusterId()
  await running.syncDaily(7)
  running.clocks.moveTo(MONDAY + 7 * DAY, running.core.scheduler)
  return running
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
