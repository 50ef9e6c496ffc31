import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { clusterSummarySchema, type ClusterSummary } from '#contract/commands/cluster'
import { policiesEqual } from '#contract/policy-rules'
import { readPolicyFile } from '#core/policy-files/read-policy-file'
import { resolvePolicyFile } from '#core/policy-files/resolve-policy-file'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { CliRunner } from '../../fakes/cli-runner.ts'

let emulator: RunningEmulator
let cli: CliRunner

beforeEach(async () => {
  emulator = await startEmulator({ seed: 'demo', clockMode: 'manual' })
  cli = new CliRunner()
})

afterEach(async () => {
  await emulator.close()
  expect(cli.transcript).not.toContain(emulator.apiKey)
})

async function connectAndSync(): Promise<void> {
  expect((await cli.run(['connection', 'add', '--name', 'Demo org', '--base-url', emulator.url], { stdin: emulator.apiKey + '\n' })).code).toBe(0)
  expect((await cli.run(['sync'])).code).toBe(0)
}

describe('backup-desk connection and sync', () => {
  it('adds a connection with the key from standard input and lists it without the key', async () => {
    const added = await cli.run(['connection', 'add', '--name', 'Demo org', '--base-url', emulator.url], { stdin: emulator.apiKey })
    expect(added).toMatchObject({ code: 0, stderr: '' })
    const listed = await cli.run(['connection', 'list', '--json'])
    const [connection] = JSON.parse(listed.stdout) as { name: string; hasToken: boolean }[]
    expect(connection).toMatchObject({ name: 'Demo org', hasToken: true })
  })

  it('takes the key from BACKUP_DESK_API_KEY too, and refuses a bad key in one line without saving', async () => {
    const bad = await cli.run(['connection', 'add', '--name', 'Typo', '--base-url', emulator.url], { env: { BACKUP_DESK_API_KEY: 'not-the-right-key' } })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^backup-desk: .*apikey.*\n$/i)
    expect(bad.stderr).not.toContain('not-the-right-key')
    expect(JSON.parse((await cli.run(['connection', 'list', '--json'])).stdout)).toEqual([])
    const good = await cli.run(['connection', 'add', '--name', 'Env', '--base-url', emulator.url], { env: { BACKUP_DESK_API_KEY: emulator.apiKey } })
    expect(good.code).toBe(0)
  })

  it('has no option that takes the key as an argument', async () => {
    const result = await cli.run(['connection', 'add', '--name', 'X', '--base-url', emulator.url, '--api-key', emulator.apiKey])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("unknown option '--api-key'")
    expect(result.stderr).not.toContain(emulator.apiKey)
    cli.transcript = cli.transcript.replaceAll(emulator.apiKey, '')
  })

  it('reports an unreachable API in one line, without a stack trace', async () => {
    await connectAndSync()
    await emulator.close()
    const result = await cli.run(['sync'])
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/^backup-desk: .*(reach|network)/i)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    emulator = await startEmulator({ seed: 'demo', clockMode: 'manual' })
  })
})

describe('backup-desk status and check', () => {
  it('prints the fleet with the core health, policy in words and the next window in local time and UTC', async () => {
    await connectAndSync()
    const json = await cli.run(['status', '--json'])
    const clusters = JSON.parse(json.stdout) as (ClusterSummary & { connectionName: string; connectionSyncedAt: string | null })[]
    expect(clusters.map((c) => c.clusterName).sort()).toEqual(emulator.state().clusters.map((c) => c.clusterName).sort())
    // Every figure of a cluster, not the Fleet's slimmer row (cluster/list): the cause, the backup times, the window's end;
    // and its organization's name and sync state (docs/cli.md), nothing else.
    const statusRow = clusterSummarySchema.extend({ connectionName: z.string(), connectionSyncedAt: z.string().nullable(), connectionSyncError: z.string().nullable() }).strict()
    for (const cluster of clusters) expect(statusRow.parse(cluster)).toEqual(cluster)
    expect(clusters.every((c) => c.connectionName === 'Demo org' && c.connectionSyncedAt !== null)).toBe(true)
    const orders = clusters.find((c) => c.clusterName === 'orders-prod')
    expect(orders?.healthCause).toBe('protected')
    expect(orders?.protection.newestGood).not.toBeNull()
    expect(orders?.nextWindow?.end).toBeDefined()
    const table = await cli.run(['status'], { env: { TZ: 'Europe/Berlin' } })
    const ordersLine = table.stdout.split('\n').find((l) => l.startsWith('orders-prod'))
    expect(ordersLine).toContain('Every day · 02:00–04:00 UTC · 7 days · 1 cross-region copy')
    expect(ordersLine).toMatch(/0[34]:00 \(UTC\+0[12]:00\).*02:00/)
    expect(ordersLine).toContain(orders?.health)
    // A cluster that cannot be backed up reads as the Fleet says it, not "unknown".
    const serverless = clusters.find((c) => !c.supportsBackup)
    expect(table.stdout.split('\n').find((l) => l.startsWith(serverless?.clusterName ?? '?'))).toMatch(/not applicable$/)
    expect(table.stdout.split('\n')[0]).toMatch(/^Cluster\s+Project\s+Policy\s+Next window \(local\)\s+Next window \(UTC\)\s+Newest backup\s+Health$/)
    // One connection: no Organization column, and one line after the table says how fresh its data is.
    expect(table.stdout).toMatch(/\n\nDemo org: synced \d\d:\d\d UTC \(1 min ago\)\.\n$/)
  })

  it('check exits 3 and names exactly the failing clusters; an unknown level or connection is one clear line', async () => {
    // The demo organization as it was 20 days ago: its newest backups are now far older than the policies allow.
    await emulator.close()
    emulator = await startEmulator({ seed: 'demo', clockMode: 'manual', startTime: Date.now() - 20 * 24 * 3_600_000 })
    await connectAndSync()
    expect((await cli.run(['check', '--fail-on', 'failing', '--connection', 'Nobody'])).stderr).toContain('No connection named or with id "Nobody"')
    const clusters = JSON.parse((await cli.run(['status', '--json'])).stdout) as ClusterSummary[]
    const failing = clusters.filter((c) => c.health === 'failing')
    expect(failing.length).toBeGreaterThan(0)
    const result = await cli.run(['check', '--fail-on', 'failing'])
    expect(result.code).toBe(3)
    for (const c of failing) expect(result.stdout).toContain(c.clusterName)
    expect((await cli.run(['check', '--fail-on', 'failing', '--json'])).code).toBe(3)
    const healthy = clusters.filter((c) => c.health !== 'failing').map((c) => c.clusterName)
    for (const name of healthy) expect(result.stdout).not.toContain(`${name} (`)
    const nothing = await cli.run(['check', '--fail-on', 'bogus'])
    expect(nothing).toMatchObject({ code: 1, stderr: 'backup-desk: --fail-on must be warning or failing.\n' })
  })
})

describe('backup-desk export', () => {
  it('writes YAML that reads back to exactly the mirrored policies', async () => {
    await connectAndSync()
    const out = join(cli.dataDir, 'fleet.yaml')
    expect((await cli.run(['export', '--out', out])).code).toBe(0)
    const read = await readPolicyFile(readFileSync(out, 'utf8'))
    if (!read.ok) throw new Error(JSON.stringify(read.problems))
    const targets = resolvePolicyFile(read.content)
    const dedicated = emulator.state().clusters.filter((c) => c.kind === 'dedicated')
    expect(targets.map((t) => t.clusterId).sort()).toEqual(dedicated.map((c) => c.clusterId).sort())
    const policies = emulator.state().policies
    for (const t of targets) {
      const remote = policies.find((p) => p.clusterId === t.clusterId)
      expect(t.policy !== null && remote !== undefined && policiesEqual(t.policy, remote)).toBe(true)
    }
  })

  it('writes Terraform to standard output with --format terraform and refuses an unknown format', async () => {
    await connectAndSync()
    const tf = await cli.run(['export', '--format', 'terraform'])
    expect(tf.code).toBe(0)
    expect(tf.stdout).toContain('resource "zillizcloud_backup_policy" "orders_prod" {')
    expect((await cli.run(['export', '--format', 'xml'])).stderr).toBe('backup-desk: --format must be yaml, json or terraform.\n')
  })
})
