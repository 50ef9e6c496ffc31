import { describe, expect, test } from 'vitest'
import type { JobListItem } from '#contract/commands/backup'
import { success, type Envelope } from '#contract/envelope'
import type { EventPayload } from '#contract/events'
import { changeSeenText, firstBackupNote, JobsState, jobTitle, reportsProgress } from '../../../../src-renderer/lib/state/jobs.svelte.ts'
import { toasts } from '../../../../src-renderer/lib/state/toasts.svelte.ts'
import { deferred, FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

const FIRST: JobListItem = {
  jobId: '5d1c0c1e-first', type: 'BACKUP', status: 'IN_PROGRESS', progress: 0, startTime: '2026-11-26T08:00:00.000Z', endTime: null, reason: '',
  connectionId: 'conn-1', clusterId: 'in01-analytics', backupId: 'backup-7', action: 'first-backup',
  createdAt: '2026-11-26T08:00:00.000Z', updatedAt: '2026-11-26T08:00:00.000Z', clusterName: 'analytics-staging', backupName: 'analytics-staging_backup7'
}

function update(patch: Partial<EventPayload<'job/updated'>>): EventPayload<'job/updated'> {
  const { jobId, type, status, progress, startTime, endTime, reason, action, connectionId, clusterId, backupId, updatedAt } = FIRST
  return { jobId, type, status, progress, startTime, endTime, reason, action, connectionId, clusterId, backupId, updatedAt, ...patch }
}

describe('Jobs: the backup that enabling a policy starts (issue #11 item 7)', () => {
  test('is named by its cluster, not by the backup or a raw id, and its 0% is not shown as progress', () => {
    expect(jobTitle(FIRST)).toBe('First backup of analytics-staging')
    expect(jobTitle({ ...FIRST, clusterName: null })).toBe('First backup')
    expect(reportsProgress(FIRST)).toBe(false)
    expect(reportsProgress({ ...FIRST, action: 'create-backup' })).toBe(true)
  })

  test('a first backup that never started stops running and is told as information with its reason, not as a failure', async () => {
    const waiting: JobListItem = { ...FIRST, status: 'PENDING', backupId: null, backupName: null, startTime: null }
    const core = new FakeCoreClient().answer('job/list', () => success([waiting]))
    const jobs = new JobsState(core)
    const stop = jobs.watch()
    await jobs.load()
    expect(jobs.running.map((j) => j.jobId)).toEqual([FIRST.jobId])

    const reason = 'Zilliz Cloud listed no new automatic backup within 5 minutes of enabling. Zilliz will start it in the next backup window.'
    core.emit('job/updated', update({ status: 'NOT_STARTED', backupId: null, reason }))
    await settle()

    expect(jobs.running).toEqual([])
    expect(toasts.items.at(-1)).toMatchObject({ kind: 'info', title: 'First backup of analytics-staging: not started yet', body: reason })
    stop()
  })
})

describe('Jobs: the line under a first backup', () => {
  test('names the backup it started, says it is awaited while unlisted, and never says "started" once it did not start', () => {
    expect(firstBackupNote(FIRST)).toBe('analytics-staging_backup7 · started when automatic backups were enabled')
    expect(firstBackupNote({ status: 'PENDING', backupName: null })).toBe('Waiting for Zilliz Cloud to list it · started when automatic backups were enabled')
    const notStarted = firstBackupNote({ status: 'NOT_STARTED', backupName: null })
    expect(notStarted).toBe('Automatic backup · expected when automatic backups were enabled')
    expect(notStarted).not.toContain('started')
  })
})

describe('Jobs: names learnt after the job began', () => {
  test('lists the jobs again when a job learns its backup, and an older list answer never overwrites a newer one', async () => {
    const pending: JobListItem = { ...FIRST, status: 'PENDING', backupId: null, backupName: null, startTime: null }
    const answers = [deferred<Envelope<JobListItem[]>>(), deferred<Envelope<JobListItem[]>>()]
    let asked = 0
    const core = new FakeCoreClient().answer('job/list', () => answers[asked++]!.promise)
    const jobs = new JobsState(core)
    const stop = jobs.watch()

    core.emit('job/updated', update({ status: 'PENDING', backupId: null, startTime: null }))
    core.emit('job/updated', update({}))
    expect(core.callsOf('job/list')).toHaveLength(2)
    answers[1]!.resolve(success([FIRST]))
    await settle()
    answers[0]!.resolve(success([pending]))
    await settle()

    expect(jobs.items).toEqual([expect.objectContaining({ status: 'IN_PROGRESS', backupName: 'analytics-staging_backup7' })])
    stop()
  })
})

describe('Jobs: how old a running job\'s state is', () => {
  test('says when the core last saw the job change, in local time, so a bar frozen while Zilliz Cloud cannot be asked is not read as current', () => {
    const at = new Date(2026, 10, 26, 9, 5)
    expect(changeSeenText({ updatedAt: at.toISOString() })).toBe('last change seen 09:05')
  })

  test('takes the time of each update the core sends', () => {
    const core = new FakeCoreClient().answer('job/list', () => success([FIRST]))
    const jobs = new JobsState(core)
    const stop = jobs.watch()
    core.emit('job/updated', update({ progress: 40, updatedAt: '2026-11-26T08:05:00.000Z' }))
    expect(jobs.items.find((j) => j.jobId === FIRST.jobId)?.updatedAt).toBe('2026-11-26T08:05:00.000Z')
    stop()
  })
})
