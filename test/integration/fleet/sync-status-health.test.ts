import { afterEach, describe, expect, it } from 'vitest'
import type { Backup } from '#contract/models/backup'
import type { BackupPolicy } from '#contract/models/policy'
import { DEFAULT_NOTIFICATION_SETTINGS } from '#contract/commands/settings'
import { ManualClock } from '#core/lib/clock'
import { addConnection } from '#core/store/connections.repo'
import { openDatabase } from '#core/store/database'
import { replaceBackups, replaceClusters, replacePolicies } from '#core/store/mirror.repo'
import { createNotificationLedger } from '#core/store/notifications.repo'
import { expectOk } from '../../fakes/envelope.ts'
import { countHealthFactReads } from '../../fakes/health-fact-reads.ts'
import { FAST_LIMITS, startConnected, stopAfterEach } from '../../fakes/core-emulator.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

/*
 * `sync/status` judges the fleet's health once per change of what it depends on (fleet/fleet-health-cache.ts):
 * every change is seen by the next call, and calls with nothing changed read nothing. A read of the fleet reads the
 * health facts once (store/health.query.ts), so the tests count those reads, not time.
 */

const HOUR = 3_600_000
/** Wednesday 11 June 2025, 12:00 UTC. */
const NOW = Date.UTC(2025, 5, 11, 12, 0)
const DAILY: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }
const STUCK_LIMIT_MS = DEFAULT_NOTIFICATION_SETTINGS.stuckLimitHours * HOUR

async function healthOf(core: TestCore, connectionId: string): Promise<string | undefined> {
  return expectOk(await core.invoke('sync/status', {})).find((s) => s.connectionId === connectionId)?.health
}

function backup(id: string, createMs: number, status: Backup['status']): Backup {
  return {
    backupId: id, backupName: id, clusterId: 'c-1', clusterName: 'c-1', projectId: 'proj-a', connectionId: 'org-a',
    backupType: 'CLUSTER', creationMethod: 'AUTO', status, size: 10,
    createTime: new Date(createMs).toISOString(), expireTime: new Date(createMs + 7 * 24 * HOUR).toISOString()
  }
}

/** One protected cluster (a good backup 5 h old, daily policy) whose next backup has been creating for `creatingForMs`. */
function seedOrganization(core: TestCore, creatingForMs: number): void {
  const { db } = core
  addConnection(db, { id: 'org-a', name: 'Org A', baseUrl: 'https://a.test' }, NOW - 30 * 24 * HOUR)
  replaceClusters(db, 'org-a', [{
    clusterId: 'c-1', clusterName: 'c-1', projectId: 'proj-a', connectionId: 'org-a', regionId: 'aws-us-east-1', plan: 'Enterprise',
    deployment: 'Dedicated', cuType: 'Performance-optimized', cuSize: 1, status: 'RUNNING', createTime: null
  }])
  replacePolicies(db, 'org-a', [{ clusterId: 'c-1', policy: DAILY, readAt: new Date(NOW - HOUR).toISOString() }])
  replaceBackups(db, 'org-a', [backup('good', NOW - 5 * HOUR, 'AVAILABLE'), backup('next', NOW - creatingForMs, 'CREATING')])
}

describe('sync/status health, judged once per change (fleet/fleet-health-cache.ts)', () => {
  let seeded: TestCore | undefined
  afterEach(async () => {
    await seeded?.close()
    seeded = undefined
  })

  it('two calls with nothing changed judge the fleet once; a notice recorded in the ledger is seen by the next call', async () => {
    const clock = new ManualClock(NOW)
    const core = (seeded = createTestCore({ clock }))
    seedOrganization(core, 10 * 60_000)
    const factReads = countHealthFactReads(core)

    expect(await healthOf(core, 'org-a')).toBe('ok')
    clock.advance(60_000)
    expect(await healthOf(core, 'org-a')).toBe('ok')
    expect(factReads()).toBe(1)

    createNotificationLedger(core.db).record([{
      connectionId: 'org-a', clusterId: 'c-1', kind: 'missed', slotMs: NOW - 30 * 60_000, severity: 'critical', title: 'missed', body: 'seeded'
    }], clock.now())
    expect(await healthOf(core, 'org-a')).toBe('failing')
    expect(await healthOf(core, 'org-a')).toBe('failing')
    expect(factReads()).toBe(2)
  })

  it('a notice another process records in the same database (the CLI) is seen by the next call', async () => {
    const clock = new ManualClock(NOW)
    const core = (seeded = createTestCore({ clock }))
    seedOrganization(core, 10 * 60_000)
    expect(await healthOf(core, 'org-a')).toBe('ok')

    const { db: cli } = openDatabase(core.db.path)
    try {
      createNotificationLedger(cli).record([{
        connectionId: 'org-a', clusterId: 'c-1', kind: 'missed', slotMs: NOW - 30 * 60_000, severity: 'critical', title: 'missed', body: 'by the CLI'
      }], clock.now())
    } finally {
      cli.close()
    }
    expect(await healthOf(core, 'org-a')).toBe('failing')
  })

  it('time alone turns a creating backup stuck: the first call after the stuck limit shows it, with no write in between', async () => {
    const clock = new ManualClock(NOW)
    const core = (seeded = createTestCore({ clock }))
    seedOrganization(core, STUCK_LIMIT_MS - 10 * 60_000)
    const factReads = countHealthFactReads(core)

    expect(await healthOf(core, 'org-a')).toBe('ok')
    clock.advance(10 * 60_000 - 1)
    expect(await healthOf(core, 'org-a')).toBe('ok')
    expect(factReads()).toBe(1)
    clock.advance(2)
    expect(await healthOf(core, 'org-a')).toBe('warning')
    // Judged again against the new instant, from what was read: nothing was written, so nothing is read again.
    expect(factReads()).toBe(1)
    const [cluster] = expectOk(await core.invoke('cluster/status', { connectionId: 'org-a' }))
    expect(cluster).toMatchObject({ health: 'warning', healthCause: 'stuck-backup' })
  })

  it('a policy a colleague disables in the console is seen by the first call after the next sync', async () => {
    const { emulator, core, connectionId } = stopLater(await startConnected({ seed: 'large:3:4', rateLimit: 1000 }, { limits: FAST_LIMITS }))
    expectOk(await core.invoke('sync/run', {}))
    const factReads = countHealthFactReads(core)
    expect(await healthOf(core, connectionId)).toBe('ok')
    expect(await healthOf(core, connectionId)).toBe('ok')
    expect(factReads()).toBe(1)

    const [cluster] = expectOk(await core.invoke('cluster/list', {}))
    const response = await fetch(`${emulator.url}/v2/clusters/${cluster!.clusterId}/backups/policy`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: false })
    })
    expect(((await response.json()) as { code: number }).code).toBe(0)
    // Not synced yet: the app still shows what it last read.
    expect(await healthOf(core, connectionId)).toBe('ok')

    expectOk(await core.invoke('sync/run', {}))
    expect(await healthOf(core, connectionId)).toBe('warning')
  })
})

const stopLater = stopAfterEach()
