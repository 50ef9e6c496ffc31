import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HealthCause, HealthLevel } from '#contract/health'
import type { Backup } from '#contract/models/backup'
import type { BackupPolicy } from '#contract/models/policy'
import { ManualClock } from '#core/lib/clock'
import { addConnection } from '#core/store/connections.repo'
import { recordPolicyChange } from '#core/store/history.repo'
import { trackJob, type JobAction } from '#core/store/jobs.repo'
import { replaceBackups, replaceClusters, replacePolicies } from '#core/store/mirror.repo'
import { createNotificationLedger } from '#core/store/notifications.repo'
import { expectOk } from '../../fakes/envelope.ts'
import { createTestCore, type TestCore } from '../../fakes/test-core.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Wednesday 11 June 2025, 12:00 UTC. */
const NOW = Date.UTC(2025, 5, 11, 12, 0)
const MONDAY_0230 = Date.UTC(2025, 5, 9, 2, 30)
const WEDNESDAY_0200 = Date.UTC(2025, 5, 11, 2, 0)
const DAILY: BackupPolicy = { enabled: true, frequency: '1,2,3,4,5,6,7', startTime: '02:00-04:00', retentionDays: 7 }
const MON_WED_FRI: BackupPolicy = { ...DAILY, frequency: '1,3,5' }
const OFF: BackupPolicy = { enabled: false, frequency: '', startTime: '', retentionDays: 0 }

type Situation = {
  name: string
  level: HealthLevel
  cause: HealthCause
  deployment?: 'Dedicated' | 'Serverless'
  policy: BackupPolicy | null
  good?: number[]
  creatingSince?: number
  enabledAt?: number
  failedJob?: { action: JobAction; endMs: number }
  /** When the first backup's job ended NOT_STARTED (no backup listed after enabling). */
  firstNotStartedMs?: number
  missedSlot?: number
  unverifiedSlot?: number
}

/** Named situations an admin meets; each is one cluster of organization A. */
const SITUATIONS: Situation[] = [
  { name: 'protected', level: 'ok', cause: 'protected', policy: DAILY, good: [NOW - 5 * HOUR] },
  { name: 'missed-window', level: 'failing', cause: 'missed', policy: MON_WED_FRI, good: [MONDAY_0230], missedSlot: WEDNESDAY_0200 },
  { name: 'missed-then-recovered', level: 'ok', cause: 'protected', policy: MON_WED_FRI, good: [WEDNESDAY_0200 + 30 * 60_000], missedSlot: Date.UTC(2025, 5, 9, 2, 0) },
  { name: 'first-backup-running', level: 'pending', cause: 'first-backup-running', policy: DAILY, creatingSince: NOW - 15 * 60_000, enabledAt: NOW - 20 * 60_000 },
  { name: 'just-enabled-old-backup', level: 'pending', cause: 'first-backup-running', policy: DAILY, good: [NOW - 20 * DAY], creatingSince: NOW - 10 * 60_000, enabledAt: NOW - 12 * 60_000 },
  { name: 'first-backup-failed', level: 'failing', cause: 'no-backup', policy: DAILY, enabledAt: NOW - 40 * 60_000, failedJob: { action: 'first-backup', endMs: NOW - 10 * 60_000 } },
  { name: 'first-backup-not-started', level: 'failing', cause: 'no-backup', policy: DAILY, enabledAt: NOW - 20 * 60_000, firstNotStartedMs: NOW - 15 * 60_000 },
  { name: 'no-backup-at-all', level: 'failing', cause: 'no-backup', policy: DAILY },
  { name: 'no-backup-policy-off', level: 'failing', cause: 'no-backup', policy: OFF },
  { name: 'stuck', level: 'warning', cause: 'stuck-backup', policy: DAILY, good: [NOW - 10 * HOUR], creatingSince: NOW - 30 * HOUR },
  { name: 'failed-backup-job', level: 'failing', cause: 'failed-backup-job', policy: DAILY, good: [NOW - 30 * HOUR], failedJob: { action: 'first-backup', endMs: NOW - 2 * HOUR } },
  // A manual backup failed, but the newest good backup is recent enough for the policy: at risk, not unprotected.
  { name: 'failed-manual-backup', level: 'warning', cause: 'failed-job', policy: DAILY, good: [NOW - 13 * HOUR], failedJob: { action: 'create-backup', endMs: NOW - 2 * HOUR } },
  { name: 'failed-restore', level: 'warning', cause: 'failed-job', policy: DAILY, good: [NOW - 5 * HOUR], failedJob: { action: 'restore-cluster', endMs: NOW - HOUR } },
  { name: 'unverified', level: 'warning', cause: 'missed-unverified', policy: MON_WED_FRI, good: [MONDAY_0230], unverifiedSlot: WEDNESDAY_0200 },
  { name: 'disabled', level: 'warning', cause: 'policy-disabled', policy: OFF, good: [NOW - DAY] },
  { name: 'too-old', level: 'failing', cause: 'backup-too-old', policy: DAILY, good: [NOW - 5 * DAY] },
  { name: 'serverless', level: 'unknown', cause: 'not-eligible', deployment: 'Serverless', policy: null },
  { name: 'not-read', level: 'unknown', cause: 'not-read', policy: null }
]

let core: TestCore

function backup(clusterId: string, i: number, createMs: number, status: Backup['status']): Backup {
  return {
    backupId: `${clusterId}-b${i}`, backupName: `${clusterId} ${i}`, clusterId, clusterName: clusterId, projectId: 'proj-a',
    connectionId: 'org-a', backupType: 'CLUSTER', creationMethod: 'AUTO', status, size: 10,
    createTime: new Date(createMs).toISOString(), expireTime: new Date(createMs + 30 * DAY).toISOString()
  }
}

function seed(): void {
  const { db } = core
  addConnection(db, { id: 'org-a', name: 'Org A', baseUrl: 'https://a.test' }, NOW - 60 * DAY)
  addConnection(db, { id: 'org-b', name: 'Org B', baseUrl: 'https://b.test' }, NOW - 60 * DAY)
  replaceClusters(db, 'org-a', SITUATIONS.map((s) => ({
    clusterId: s.name, clusterName: s.name, projectId: 'proj-a', connectionId: 'org-a', regionId: 'aws-us-east-1', plan: 'Enterprise',
    deployment: s.deployment ?? 'Dedicated', cuType: 'Performance-optimized', cuSize: 1, status: 'RUNNING', createTime: null
  })))
  replaceClusters(db, 'org-b', [{ clusterId: 'b-fine', clusterName: 'b-fine', projectId: 'proj-b', connectionId: 'org-b', regionId: 'aws-us-east-1',
    plan: 'Enterprise', deployment: 'Dedicated', cuType: 'Performance-optimized', cuSize: 1, status: 'RUNNING', createTime: null }])
  const readAt = new Date(NOW - HOUR).toISOString()
  replacePolicies(db, 'org-a', SITUATIONS.flatMap((s) => (s.policy === null ? [] : [{ clusterId: s.name, policy: s.policy, readAt }])))
  replacePolicies(db, 'org-b', [{ clusterId: 'b-fine', policy: DAILY, readAt }])
  replaceBackups(db, 'org-a', SITUATIONS.flatMap((s) => [
    ...(s.good ?? []).map((at, i) => backup(s.name, i, at, 'AVAILABLE')),
    ...(s.creatingSince === undefined ? [] : [backup(s.name, 99, s.creatingSince, 'CREATING')])
  ]))
  replaceBackups(db, 'org-b', [{ ...backup('b-fine', 0, NOW - 3 * HOUR, 'AVAILABLE'), connectionId: 'org-b' }])
  const ledger = createNotificationLedger(db)
  for (const s of SITUATIONS) {
    if (s.enabledAt !== undefined) recordPolicyChange(db, { connectionId: 'org-a', clusterId: s.name, source: 'local-push', before: OFF, after: DAILY, at: s.enabledAt })
    if (s.failedJob !== undefined) {
      trackJob(db, { connectionId: 'org-a', clusterId: s.name, action: s.failedJob.action, job: {
        jobId: `job-${s.name}`, type: s.failedJob.action === 'create-backup' ? 'BACKUP' : 'RESTORE', status: 'FAILED', progress: 40,
        startTime: new Date(s.failedJob.endMs - HOUR).toISOString(), endTime: new Date(s.failedJob.endMs).toISOString(), reason: 'Quota exceeded.' } }, NOW)
    }
    if (s.firstNotStartedMs !== undefined) {
      trackJob(db, { connectionId: 'org-a', clusterId: s.name, action: 'first-backup', job: {
        jobId: `first-${s.name}`, type: 'BACKUP', status: 'NOT_STARTED', progress: 0, startTime: null,
        endTime: new Date(s.firstNotStartedMs).toISOString(), reason: 'Not started yet.' } }, NOW)
    }
    const notice = { connectionId: 'org-a', clusterId: s.name, title: `about ${s.name}`, body: 'seeded' }
    if (s.missedSlot !== undefined) ledger.record([{ ...notice, kind: 'missed', slotMs: s.missedSlot, severity: 'critical' }], NOW - HOUR)
    if (s.unverifiedSlot !== undefined) ledger.record([{ ...notice, kind: 'missed-unverified', slotMs: s.unverifiedSlot, severity: 'warning' }], NOW - HOUR)
  }
}

beforeEach(async () => {
  core = createTestCore({ clock: new ManualClock(NOW), timings: { syncOnStart: false, syncIntervalMs: 0, jobPollMs: 60_000 } })
  seed()
  await core.start()
})

afterEach(async () => {
  await core.close()
})

describe('one health for every view (core/fleet/health.ts)', () => {
  it('gives each named situation its level and cause in cluster/status, and the same level and reason on its Fleet row', async () => {
    const statuses = expectOk(await core.invoke('cluster/status', { connectionId: 'org-a' }))
    const got = Object.fromEntries(statuses.map((r) => [r.clusterName, `${r.health}/${r.healthCause}`]))
    expect(got).toEqual(Object.fromEntries(SITUATIONS.map((s) => [s.name, `${s.level}/${s.cause}`])))
    for (const status of statuses) expect(status.healthReason, status.clusterName).not.toBe('')
    const rows = expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' }))
    expect(rows.map((r) => [r.clusterName, r.health, r.healthReason])).toEqual(statuses.map((s) => [s.clusterName, s.health, s.healthReason]))
  })

  it('gives each organization the worst level of its clusters in sync/status', async () => {
    const statuses = expectOk(await core.invoke('sync/status', {}))
    expect(Object.fromEntries(statuses.map((s) => [s.connectionId, s.health]))).toEqual({ 'org-a': 'failing', 'org-b': 'ok' })
  })

  it('makes the tray summary count the same failing, warning and pending clusters as the Fleet, and alarm', async () => {
    const rows = [
      ...expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' })),
      ...expectOk(await core.invoke('cluster/list', { connectionId: 'org-b' }))
    ]
    const count = (level: HealthLevel): number => rows.filter((r) => r.health === level).length
    expect(core.notifier.summary?.health).toEqual({ worst: 'failing', failing: count('failing'), warning: count('warning'), pending: count('pending') })
    expect(count('failing')).toBe(7)
    expect(core.notifier.summary?.level).toBe('critical')
  })

  it('never shows OK (or pending) for a cluster while the ledger holds an open missed, failed or stuck notice for it', async () => {
    const rows = new Map(expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' })).map((r) => [r.clusterId, r]))
    const notices = expectOk(await core.invoke('notification/list', {})).filter((n) => ['missed', 'failed', 'stuck'].includes(n.kind))
    const resolved = new Set(['missed-then-recovered'])
    const open = notices.filter((n) => !resolved.has(n.clusterId))
    // The watcher raised its own notices (stuck, failed) from the same cache at start; the seeded ones are there too.
    expect(new Set(open.map((n) => n.clusterId))).toEqual(new Set(['missed-window', 'stuck', 'failed-backup-job', 'failed-manual-backup', 'failed-restore', 'unverified', 'first-backup-failed']))
    for (const notice of open) {
      const health = rows.get(notice.clusterId)?.health
      // A confirmed missed window is critical and the cluster unprotected; any other open notice at least warns.
      const expected = notice.kind === 'missed' && notice.severity === 'critical' ? ['failing'] : ['warning', 'failing']
      expect(expected, `${notice.kind} of ${notice.clusterId}`).toContain(health)
    }
  })

  it('marking every notice read does not make a failing cluster look healthy', async () => {
    expectOk(await core.invoke('notification/mark-read', { all: true }))
    const rows = expectOk(await core.invoke('cluster/list', { connectionId: 'org-a' }))
    expect(rows.find((r) => r.clusterName === 'missed-window')?.health).toBe('failing')
    expect(core.notifier.summary?.level).toBe('critical')
  })
})
