import { describe, expect, it } from 'vitest'
import { freshnessLine, type ConnectionSync } from '../../../src-main/cli/format/sync-freshness.ts'

const NOW = Date.parse('2026-11-30T00:35:00Z')
const MINUTE = 60_000
const iso = (ms: number): string => new Date(ms).toISOString()
const sync = (over: Partial<ConnectionSync>): ConnectionSync => ({
  connectionId: 'c1',
  connectionName: 'Org B',
  syncedAt: null,
  lastSyncFailedAt: null,
  lastSyncError: null,
  ...over
})

describe('how fresh an organization’s data is, in one line', () => {
  it('names the clock time alone for a sync of the same UTC day, with no hint while within the sync interval', () => {
    expect(freshnessLine(sync({ syncedAt: iso(NOW - 8 * MINUTE) }), NOW)).toBe('Org B: synced 00:27 UTC (8 min ago).')
  })

  it('names the date too for a sync of the day before, however few minutes ago, and suggests a sync once older than the interval', () => {
    expect(freshnessLine(sync({ syncedAt: iso(NOW - 47 * MINUTE) }), NOW)).toBe(
      'Org B: synced 2026-11-29 23:48 UTC (47 min ago). Run `backup-desk sync` for fresh data.'
    )
  })

  it('says never synced, and why and since when the last sync failed with the age of the data shown', () => {
    expect(freshnessLine(sync({}), NOW)).toBe('Org B: never synced. Run `backup-desk sync` for fresh data.')
    expect(
      freshnessLine(sync({ syncedAt: iso(NOW - 8 * MINUTE), lastSyncFailedAt: iso(NOW - MINUTE), lastSyncError: 'Could not reach the API.\nDetails' }), NOW)
    ).toBe('Org B: last sync failed at 00:34 UTC (1 min ago): Could not reach the API. Showing data synced 00:27 UTC (8 min ago). Run `backup-desk sync` for fresh data.')
  })
})
