import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClusterSummary } from '#contract/commands/cluster'
import { durationText } from '#contract/time'
import { systemClock } from '#core/lib/clock'
import { openStore } from '#core/open-store'
import { recordSyncFinished } from '#core/store/sync-state.repo'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { CliRunner } from '../../fakes/cli-runner.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/**
 * Two organizations seeded alike (the same cluster names, as the auditor's Org B and Org C), 20 days in the past
 * so that their newest backups are far older than their policies allow and `check` has failing clusters in both.
 */
let orgB: RunningEmulator
let orgC: RunningEmulator
let cli: CliRunner

beforeEach(async () => {
  const options = { seed: 'demo', clockMode: 'manual', startTime: Date.now() - 20 * DAY } as const
  orgB = await startEmulator(options)
  orgC = await startEmulator(options)
  cli = new CliRunner()
})

afterEach(async () => {
  await orgB.close()
  await orgC.close()
  expect(cli.transcript).not.toMatch(/\n\s+at /)
})

async function add(name: string, emulator: RunningEmulator): Promise<string> {
  expect((await cli.run(['connection', 'add', '--name', name, '--base-url', emulator.url], { stdin: emulator.apiKey })).code).toBe(0)
  const listed = JSON.parse((await cli.run(['connection', 'list', '--json'])).stdout) as { id: string; name: string }[]
  return listed.find((c) => c.name === name)?.id ?? ''
}

async function addBothAndSync(): Promise<{ b: string; c: string }> {
  const ids = { b: await add('Org B', orgB), c: await add('Org C', orgC) }
  expect((await cli.run(['sync'])).code).toBe(0)
  return ids
}

/** Moves a connection's last successful sync back in time, in the real data folder (as an old sync left it). */
function syncedMinutesAgo(connectionId: string, minutes: number): void {
  const store = openStore({ dataDir: cli.dataDir, clock: systemClock })
  try {
    recordSyncFinished(store.db, connectionId, null, Date.now() - minutes * MINUTE)
  } finally {
    store.db.close()
  }
}

/** `23:48 UTC` of today (UTC), `2026-11-29 23:48 UTC` of another day: a run just after midnight shows yesterday's date. */
function utcClock(ms: number): string {
  const text = new Date(ms).toISOString()
  return `${text.slice(0, 10) === new Date().toISOString().slice(0, 10) ? '' : text.slice(0, 10) + ' '}${text.slice(11, 16)} UTC`
}

/** A clock time as `utcClock` writes it, for a regular expression. */
const CLOCK = String.raw`(\d{4}-\d\d-\d\d )?\d\d:\d\d UTC`

describe('backup-desk status and check with more than one organization', () => {
  it("status starts each row with the organization's name, so the same cluster name in two organizations reads apart", async () => {
    await addBothAndSync()
    const result = await cli.run(['status'])
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^Organization\s+Cluster\s+Project\s+Policy\s+Next window \(local\)\s+Next window \(UTC\)\s+Newest backup\s+Health$/)
    expect(lines.filter((l) => /^Org B\s+orders-prod\s/.test(l))).toHaveLength(1)
    expect(lines.filter((l) => /^Org C\s+orders-prod\s/.test(l))).toHaveLength(1)
  })

  it('with --connection only that organization is in scope: no Organization column, one freshness line', async () => {
    await addBothAndSync()
    const result = await cli.run(['status', '--connection', 'Org C'])
    expect(result.stdout.split('\n')[0]).toMatch(/^Cluster\s+Project\s/)
    expect(result.stdout).toContain('Org C: synced ')
    expect(result.stdout).not.toContain('Org B')
  })

  it('check names the organization of every failing cluster', async () => {
    const ids = await addBothAndSync()
    const clusters = JSON.parse((await cli.run(['status', '--json'])).stdout) as ClusterSummary[]
    const failing = clusters.filter((c) => c.health === 'failing')
    expect(new Set(failing.map((c) => c.connectionId))).toEqual(new Set([ids.b, ids.c]))
    const result = await cli.run(['check', '--fail-on', 'failing'])
    expect(result.code).toBe(3)
    for (const c of failing) expect(result.stdout).toContain(`FAILING  ${c.clusterName} (${c.clusterId}) in ${c.connectionId === ids.b ? 'Org B' : 'Org C'}: `)
  })

  it("status --json and check --json give each cluster its connection's id and name and each organization's sync time", async () => {
    const ids = await addBothAndSync()
    const rows = JSON.parse((await cli.run(['status', '--json'])).stdout) as (ClusterSummary & {
      connectionName: string
      connectionSyncedAt: string | null
      connectionSyncError: string | null
    })[]
    for (const row of rows) {
      expect(row.connectionName).toBe(row.connectionId === ids.b ? 'Org B' : 'Org C')
      expect(Date.now() - Date.parse(row.connectionSyncedAt ?? '')).toBeLessThan(5 * MINUTE)
      expect(row.connectionSyncError).toBeNull()
    }
    expect(new Set(rows.map((r) => r.connectionId))).toEqual(new Set([ids.b, ids.c]))
    const check = JSON.parse((await cli.run(['check', '--json'])).stdout) as {
      matching: { clusterId: string; clusterName: string; connectionId: string; connectionName: string }[]
      connections: { connectionId: string; connectionName: string; syncedAt: string | null; lastSyncFailedAt: string | null; lastSyncError: string | null }[]
    }
    expect(check.matching.some((m) => m.connectionId === ids.b && m.connectionName === 'Org B')).toBe(true)
    expect(check.matching.some((m) => m.connectionId === ids.c && m.connectionName === 'Org C')).toBe(true)
    expect(check.connections.map((c) => [c.connectionId, c.connectionName, c.lastSyncError])).toEqual([
      [ids.b, 'Org B', null],
      [ids.c, 'Org C', null]
    ])
    for (const c of check.connections) expect(Date.now() - Date.parse(c.syncedAt ?? '')).toBeLessThan(5 * MINUTE)
  })
})

describe('how fresh the data of status and check is', () => {
  it('says per organization when it was synced, and suggests `backup-desk sync` once that is older than the sync interval', async () => {
    const ids = await addBothAndSync()
    syncedMinutesAgo(ids.b, 47)
    const syncedB = Date.now() - 47 * MINUTE
    for (const command of [['status'], ['check']]) {
      const out = (await cli.run(command)).stdout
      expect(out).toContain(`Org B: synced ${utcClock(syncedB)} (${durationText(47 * MINUTE)} ago). Run \`backup-desk sync\` for fresh data.\n`)
      expect(out).toMatch(new RegExp(String.raw`Org C: synced ${CLOCK} \(1 min ago\)\.\n`))
    }
  })

  it('says "never synced" of an organization added but not yet synced', async () => {
    await add('Org B', orgB)
    const out = (await cli.run(['status'])).stdout
    expect(out).toContain('Org B: never synced. Run `backup-desk sync` for fresh data.\n')
  })

  it('says when the last sync failed and why, and how old the data shown is', async () => {
    const ids = await addBothAndSync()
    syncedMinutesAgo(ids.b, 8)
    await orgB.close()
    const failed = await cli.run(['sync', '--connection', 'Org B'])
    expect(failed.code).toBe(1)
    const out = (await cli.run(['check'])).stdout
    const line = out.split('\n').find((l) => l.startsWith('Org B: ')) ?? ''
    expect(line).toMatch(new RegExp(String.raw`^Org B: last sync failed at ${CLOCK} \(1 min ago\): .*(reach|network).* Showing data synced ${CLOCK} \(8 min ago\)\. Run ${'`'}backup-desk sync${'`'} for fresh data\.$`, 'i'))
    const check = JSON.parse((await cli.run(['check', '--json'])).stdout) as { connections: { connectionName: string; lastSyncFailedAt: string | null; lastSyncError: string | null }[] }
    const b = check.connections.find((c) => c.connectionName === 'Org B')
    expect(b?.lastSyncError).toMatch(/reach|network/i)
    expect(Date.now() - Date.parse(b?.lastSyncFailedAt ?? '')).toBeLessThan(5 * MINUTE)
    orgB = await startEmulator({ seed: 'empty' })
  })
})
