import { afterEach, describe, expect, it } from 'vitest'
import type { FleetRow } from '#contract/commands/cluster'
import type { Backup } from '#contract/models/backup'
import type { BackupPolicy } from '#contract/models/policy'
import { fleetWindow } from '#core/fleet/fleet-window'
import { loadProtectionSettings } from '#core/history/protection-settings'
import { ManualClock } from '#core/lib/clock'
import { systemTimeZone } from '#core/lib/time-zone'
import { addConnection } from '#core/store/connections.repo'
import { openDatabase } from '#core/store/database'
import { trackJob } from '#core/store/jobs.repo'
import { replaceBackups, replaceClusters, replacePolicies } from '#core/store/mirror.repo'
import { createNotificationLedger } from '#core/store/notifications.repo'
import { createSettingsRepo } from '#core/store/settings.repo'
import { expectOk } from '../../fakes/envelope.ts'
import { countHealthFactReads } from '../../fakes/health-fact-reads.ts'
import { DEMO_START, FAST_LIMITS, demoEmulatorOptions, startConnected, stopAfterEach } from '../../fakes/core-emulator.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

/*
 * The Fleet's reads (`cluster/list-window`, `cluster/list`) take the clusters, policies and health facts from what
 * fleet/fleet-health-cache.ts read since the database last changed, and judge them at the instant asked. The tests
 * count the health-fact reads (one per read of the fleet), not time.
 */

const HOUR = 3_600_000
/** Wednesday 11 June 2025, 12:00 UTC. */
const NOW = Date.UTC(2025, 5, 11, 12, 0)
/** Daily: a good backup may grow 2 days old (its longest gap and a day, fleet/health.ts). */
const DAILY: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }
const LOCALE = 'en-US'

function backup(id: string, clusterId: string, createMs: number, status: Backup['status']): Backup {
  return {
    backupId: id, backupName: id, clusterId, clusterName: clusterId, projectId: 'proj-a', connectionId: 'org-a',
    backupType: 'CLUSTER', creationMethod: 'AUTO', status, size: 10,
    createTime: new Date(createMs).toISOString(), expireTime: new Date(createMs + 7 * 24 * HOUR).toISOString()
  }
}

/** Two daily-protected clusters: `a-old`'s newest good backup is 47 h old (at risk in 1 h), `b-fresh`'s 5 h. */
function seedOrganization(core: TestCore): void {
  const { db } = core
  addConnection(db, { id: 'org-a', name: 'Org A', baseUrl: 'https://a.test' }, NOW - 30 * 24 * HOUR)
  const cluster = (clusterId: string) => ({
    clusterId, clusterName: clusterId, projectId: 'proj-a', connectionId: 'org-a', regionId: 'aws-us-east-1', plan: 'Enterprise' as const,
    deployment: 'Dedicated' as const, cuType: 'Performance-optimized', cuSize: 1, status: 'RUNNING', createTime: null
  })
  replaceClusters(db, 'org-a', [cluster('a-old'), cluster('b-fresh')])
  replacePolicies(db, 'org-a', ['a-old', 'b-fresh'].map((clusterId) => ({ clusterId, policy: DAILY, readAt: new Date(NOW - HOUR).toISOString() })))
  replaceBackups(db, 'org-a', [backup('old', 'a-old', NOW - 47 * HOUR, 'AVAILABLE'), backup('fresh', 'b-fresh', NOW - 5 * HOUR, 'AVAILABLE')])
}

async function fleetRows(core: TestCore): Promise<{ window: FleetRow[]; list: FleetRow[]; unprotected: number }> {
  const window = expectOk(await core.invoke('cluster/list-window', { connectionId: 'org-a', limit: 1, locale: LOCALE }))
  const list = expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' }))
  return { window: window.rows, list, unprotected: window.counts.protection.unprotected }
}

const rowOf = (rows: FleetRow[], clusterId: string): FleetRow | undefined => rows.find((r) => r.clusterId === clusterId)

describe('the Fleet\'s reads over the fleet health cache (fleet/fleet-health-cache.ts)', () => {
  let seeded: TestCore | undefined
  afterEach(async () => {
    await seeded?.close()
    seeded = undefined
  })

  it('time alone, with no write and no read of the database, turns a backup too old in the rows and the counts, and ages every reason', async () => {
    const clock = new ManualClock(NOW)
    const core = (seeded = createTestCore({ clock }))
    seedOrganization(core)
    const factReads = countHealthFactReads(core)

    const before = await fleetRows(core)
    expect(rowOf(before.window, 'a-old')).toMatchObject({ health: 'ok', healthReason: 'Newest good backup 47 h old.' })
    expect(rowOf(before.list, 'b-fresh')).toMatchObject({ health: 'ok', healthReason: 'Newest good backup 5 h old.' })
    expect(before.unprotected).toBe(0)

    clock.advance(2 * HOUR)
    const after = await fleetRows(core)
    expect(rowOf(after.window, 'a-old')).toMatchObject({ health: 'failing', healthReason: 'No good backup for 2 days.' })
    expect(rowOf(after.list, 'a-old')).toMatchObject({ health: 'failing', protection: { class: 'unprotected' } })
    expect(rowOf(after.list, 'b-fresh')).toMatchObject({ health: 'ok', healthReason: 'Newest good backup 7 h old.' })
    expect(after.unprotected).toBe(1)
    expect(factReads()).toBe(1)
  })

  const writers: { name: string; write: (core: TestCore) => void | Promise<void>; shows: Partial<FleetRow> }[] = [
    {
      name: 'the watcher records a missed window in the ledger',
      write: (core) => {
        createNotificationLedger(core.db).record([{ connectionId: 'org-a', clusterId: 'b-fresh', kind: 'missed', slotMs: NOW - HOUR, severity: 'critical', title: 'missed', body: 'seeded' }], NOW)
      },
      shows: { health: 'failing', healthReason: 'A scheduled backup was missed; newest good backup 5 h old.' }
    },
    {
      name: 'a sync or an applied draft mirrors a disabled policy',
      write: (core) => replacePolicies(core.db, 'org-a', ['a-old', 'b-fresh'].map((clusterId) => ({ clusterId, policy: { ...DAILY, enabled: false }, readAt: new Date(NOW).toISOString() }))),
      shows: { health: 'warning', healthReason: 'Automatic backups are off. Newest good backup 5 h old.' }
    },
    {
      name: 'the job tracker records a manual backup job that failed',
      write: (core) => {
        trackJob(core.db, { connectionId: 'org-a', clusterId: 'b-fresh', action: 'create-backup', job: { jobId: 'job-1', type: 'CREATE_BACKUP', status: 'FAILED', progress: 0, startTime: new Date(NOW - HOUR).toISOString(), endTime: new Date(NOW - HOUR / 2).toISOString(), reason: 'quota' } }, NOW)
      },
      shows: { health: 'warning', healthReason: 'A manual backup failed since the newest good backup (5 h old).' }
    },
    {
      name: 'the CLI records a missed window from its own process',
      write: (core) => {
        const { db: cli } = openDatabase(core.db.path)
        try {
          createNotificationLedger(cli).record([{ connectionId: 'org-a', clusterId: 'b-fresh', kind: 'missed', slotMs: NOW - HOUR, severity: 'critical', title: 'missed', body: 'by the CLI' }], NOW)
        } finally {
          cli.close()
        }
      },
      shows: { health: 'failing' }
    }
  ]

  for (const writer of writers) {
    it(`the next read shows what ${writer.name}, in the first rows, the whole list and the counts`, async () => {
      const core = (seeded = createTestCore({ clock: new ManualClock(NOW) }))
      seedOrganization(core)
      expect(rowOf((await fleetRows(core)).list, 'b-fresh')).toMatchObject({ health: 'ok' })

      await writer.write(core)
      const after = await fleetRows(core)
      expect(rowOf(after.list, 'b-fresh')).toMatchObject(writer.shows)
      const window = expectOk(await core.invoke('cluster/list-window', { connectionId: 'org-a', limit: 2, locale: LOCALE }))
      expect(rowOf(window.rows, 'b-fresh')).toMatchObject(writer.shows)
      expect(window.counts.protection.protected).toBe(after.list.filter((r) => r.protection.class === 'protected').length)
      expect(window.counts.protection.protected).toBeLessThan(2)
    })
  }
})

describe('the Fleet\'s first read after a sync', () => {
  const stopLater = stopAfterEach()

  it('reads no health fact again (the watcher judged them at the sync\'s end) and answers what a read from the database answers', async () => {
    const clock = new ManualClock(DEMO_START)
    const { core, connectionId } = stopLater(await startConnected(demoEmulatorOptions(), { limits: FAST_LIMITS, clock }))
    await core.start()
    expectOk(await core.invoke('sync/run', {}))
    const factReads = countHealthFactReads(core)

    const window = expectOk(await core.invoke('cluster/list-window', { limit: 5, locale: LOCALE }))
    expect(factReads()).toBe(0)
    const lintEnv = { timeZone: systemTimeZone(), rulesOff: loadProtectionSettings(createSettingsRepo(core.db)).lintRulesOff }
    const fromDatabase = fleetWindow(core.db, connectionId, clock.now(), lintEnv, { limit: 5, locale: LOCALE })
    expect(factReads()).toBe(1)
    expect(window).toEqual(fromDatabase)
    expect(Object.values(window.counts.protection).filter((n) => n > 0).length).toBeGreaterThan(1)
  })
})
