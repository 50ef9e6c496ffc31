import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobListItem } from '#contract/commands/backup'
import type { EventPayload } from '#contract/events'
import type { BackupPolicy } from '#contract/models/policy'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { connect, countOf, FAST_LIMITS, waitFor } from '../../fakes/core-emulator.ts'
import { expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

/** Issue #11 item 7: the backup that enabling a policy starts is tracked like any other job. */

const JOB_MS = 30_000
// The emulator's clock runs in real time with the core's (health compares backup times with the local record of
// the push); the daily window opens half a day away, so no scheduled backup runs during a test.
const WINDOW_HOUR = String((new Date().getUTCHours() + 12) % 24).padStart(2, '0')
const DAILY: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: `${WINDOW_HOUR}:00-${String((Number(WINDOW_HOUR) + 2) % 24).padStart(2, '0')}:00`, retentionDays: 7 }
const TIMINGS = { syncOnStart: false, syncIntervalMs: 0, jobPollMs: 50, firstBackupRecheckMs: 50, firstBackupWaitMs: 1_500 }

let emulator: RunningEmulator
let core: TestCore
let jobEvents: EventPayload<'job/updated'>[]

/** A core; given the data folder and key store of an earlier one, the same app restarted. */
function startCore(restart?: Pick<TestCore, 'dataDir' | 'secrets'>): TestCore {
  const started = createTestCore({ limits: FAST_LIMITS, timings: TIMINGS, ...restart })
  jobEvents = []
  started.events.subscribe((message) => {
    if (message.name === 'job/updated') jobEvents.push(message.payload)
  })
  return started
}

beforeEach(async () => {
  // analytics-staging's policy is disabled in the demo seed.
  emulator = await startEmulator({ seed: 'demo', rateLimit: 1000, jobDurationMs: JOB_MS })
  core = startCore()
  await connect(core, emulator)
  expectOk(await core.invoke('sync/run', {}))
  await core.start()
})

afterEach(async () => {
  await core.close()
  await emulator.close()
})

async function clusterNamed(name: string): Promise<{ clusterId: string; health: string; healthCause: string }> {
  const cluster = expectOk(await core.invoke('cluster/status', {})).find((c) => c.clusterName === name)
  if (cluster === undefined) throw new Error(`the demo seed has no ${name}`)
  return cluster
}

function autoBackupsOf(clusterId: string): { backupId: string; status: string }[] {
  return emulator.state().backups.filter((b) => b.clusterId === clusterId && b.creationMethod === 'AUTO')
}

async function firstBackupJobs(): Promise<JobListItem[]> {
  return expectOk(await core.invoke('job/list', {})).filter((j) => j.action === 'first-backup')
}

async function setColleaguePolicy(clusterId: string, policy: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.url}/v2/clusters/${clusterId}/backups/policy`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(policy)
  })
  expect(((await response.json()) as { code: number }).code).toBe(0)
}

/**
 * A colleague enables and disables the policy in the console: its automatic backup is still running, so Zilliz
 * starts no second one when Backup Desk enables the policy again. The app has synced since.
 */
async function leaveColleagueAutoBackupRunning(clusterId: string): Promise<{ backupId: string; status: string }[]> {
  await setColleaguePolicy(clusterId, { ...DAILY })
  await setColleaguePolicy(clusterId, { enabled: false })
  const running = autoBackupsOf(clusterId).filter((b) => b.status === 'CREATING')
  expect(running).toHaveLength(1)
  expectOk(await core.invoke('sync/run', {}))
  return running
}

describe('the backup that enabling a policy starts (issue #11 item 7)', () => {
  it('lists the new AUTO backup as CREATING right after the push, with a job named for the cluster, and health pending', async () => {
    const { clusterId } = await clusterNamed('analytics-staging')
    const before = new Set(autoBackupsOf(clusterId).map((b) => b.backupId))

    expect(expectOk(await core.invoke('policy/apply', { clusterId, policy: DAILY })).state).toBe('synced')

    const started = autoBackupsOf(clusterId).filter((b) => !before.has(b.backupId))
    expect(started).toHaveLength(1)
    const backupId = started[0]!.backupId
    // No sync since the push: the row comes from the tracking's own read.
    const listed = expectOk(await core.invoke('backup/list', { clusterId, sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 50 }))
    expect(listed.items.find((b) => b.backupId === backupId)).toMatchObject({ creationMethod: 'AUTO', status: 'CREATING', clusterName: 'analytics-staging' })
    const jobs = await firstBackupJobs()
    expect(jobs).toEqual([expect.objectContaining({ clusterId, clusterName: 'analytics-staging', backupId, status: 'IN_PROGRESS', type: 'BACKUP' })])
    expect(jobEvents.map((e) => [e.jobId, e.status, e.backupId])).toEqual([[jobs[0]!.jobId, 'PENDING', null], [jobs[0]!.jobId, 'IN_PROGRESS', backupId]])
    expect(await clusterNamed('analytics-staging')).toMatchObject({ health: 'pending', healthCause: 'first-backup-running' })
  })

  it('ends the job succeeded when Zilliz finishes the backup, and health follows once the cache has it', async () => {
    const { clusterId } = await clusterNamed('analytics-staging')
    expectOk(await core.invoke('policy/apply', { clusterId, policy: DAILY }))
    const [job] = await firstBackupJobs()

    emulator.advance(JOB_MS + 1_000)
    const ended = await waitFor('the first backup job to end', () => jobEvents.find((e) => e.jobId === job!.jobId && e.status !== 'IN_PROGRESS' && e.status !== 'PENDING'))
    expect(ended).toMatchObject({ status: 'SUCCESSFUL', progress: 100, backupId: job!.backupId })
    // The job's end refreshes the connection's cache, and health leaves pending with it.
    const cluster = await waitFor('health to follow the finished backup', async () => {
      const now = await clusterNamed('analytics-staging')
      return now.health === 'pending' ? undefined : now
    })
    expect(cluster).toMatchObject({ health: 'ok', healthCause: 'protected' })
    const listed = expectOk(await core.invoke('backup/list', { clusterId, sort: { by: 'createTime', dir: 'desc' }, offset: 0, limit: 50 }))
    expect(listed.items.find((b) => b.backupId === job!.backupId)?.status).toBe('AVAILABLE')
  })

  it('starts no tracking for a push that keeps the policy enabled', async () => {
    const { clusterId } = await clusterNamed('orders-prod')
    const policy = expectOk(await core.invoke('policy/get', { clusterId })).policy
    const listReads = countOf(emulator, 'GET /v2/backups')

    expect(expectOk(await core.invoke('policy/apply', { clusterId, policy: { ...policy, retentionDays: 5 } })).state).toBe('synced')

    expect(await firstBackupJobs()).toEqual([])
    expect(countOf(emulator, 'GET /v2/backups')).toBe(listReads)
    expect(core.db.sqlite.prepare("SELECT count(*) AS n FROM backup_intents WHERE kind = 'first-backup'").get()).toEqual({ n: 0 })
  })

  it('never claims an AUTO backup that existed before the push, and says plainly that none has started', async () => {
    const { clusterId } = await clusterNamed('analytics-staging')
    const running = await leaveColleagueAutoBackupRunning(clusterId)
    const listReads = countOf(emulator, 'GET /v2/backups')

    expectOk(await core.invoke('policy/apply', { clusterId, policy: DAILY }))
    expect(autoBackupsOf(clusterId).filter((b) => b.status === 'CREATING')).toEqual(running)

    const ended = await waitFor('the first backup job to end', () => jobEvents.find((e) => e.status === 'NOT_STARTED'), 10_000)
    expect(ended.backupId).toBeNull()
    expect(ended.reason).toMatch(new RegExp(`^Zilliz Cloud listed no new automatic backup within 2 seconds of enabling\\. Zilliz will start it in the next backup window, \\d{4}-\\d\\d-\\d\\d ${WINDOW_HOUR}:00 UTC\\.$`))
    expect(jobEvents.every((e) => e.backupId !== running[0]!.backupId)).toBe(true)
    expect(core.db.sqlite.prepare("SELECT state, backup_id FROM backup_intents WHERE kind = 'first-backup'").all()).toEqual([{ state: 'FAILED', backup_id: null }])
    // A handful of list reads with backoff (the baseline, then looks 0, 50, 150, 350, 750 and 1,500 ms after the
    // push), not one per 50 ms poll (about 30 in 1.5 s).
    expect(countOf(emulator, 'GET /v2/backups') - listReads).toBeLessThanOrEqual(8)
  })

  it('goes on after a restart: the expectation and its job are in SQLite', async () => {
    const { clusterId } = await clusterNamed('analytics-staging')
    expectOk(await core.invoke('policy/apply', { clusterId, policy: DAILY }))
    const [job] = await firstBackupJobs()
    const { dataDir, secrets } = core
    await core.close()

    emulator.advance(JOB_MS + 1_000)
    core = startCore({ dataDir, secrets })
    await core.start()
    const ended = await waitFor('the first backup job to end after the restart', () => jobEvents.find((e) => e.jobId === job!.jobId))
    expect(ended).toMatchObject({ status: 'SUCCESSFUL', backupId: job!.backupId, clusterId })
  })

  it('does not hold a manual backup back as busy while a first backup is expected: Zilliz answers for itself', async () => {
    const { clusterId } = await clusterNamed('analytics-staging')
    await leaveColleagueAutoBackupRunning(clusterId)
    expectOk(await core.invoke('policy/apply', { clusterId, policy: DAILY }))
    expect(core.db.sqlite.prepare("SELECT state FROM backup_intents WHERE kind = 'first-backup'").all()).toEqual([{ state: 'UNKNOWN' }])

    const refused = await core.invoke('backup/create', { clusterId })
    // Zilliz refuses a manual backup while an automatic one runs (96038); that answer reaches the admin.
    expect(refused).toMatchObject({ ok: false, error: { code: 'api/rejected', details: { apiCode: 96038 } } })
  })
})
