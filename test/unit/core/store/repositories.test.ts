import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listClusters, getMirroredPolicy } from '#core/store/cache.query'
import { addConnection, listConnections, removeConnection, renameConnection, setConnectionTag } from '#core/store/connections.repo'
import type { StoreDatabase } from '#core/store/database'
import { discardDraft, findOpenDraft, listDrafts, saveDraft, setDraftState } from '#core/store/drafts.repo'
import { listPolicyHistory, recordPolicyChange } from '#core/store/history.repo'
import { beginIntent, confirmIntent, failIntent, listPendingIntents, markIntentUnknown } from '#core/store/intents.repo'
import { listActiveJobs, trackJob, updateJob } from '#core/store/jobs.repo'
import { clearCache, markStale, replaceBackups, replaceClusters, upsertPolicy } from '#core/store/mirror.repo'
import { getSyncState } from '#core/store/sync-state.repo'
import { CONNECTION_ID, countRows, makeBackups, makeTempDir, openWithConnection, weekdayPolicy } from './store-fixtures.ts'

let dir: string
let cleanup: () => void
let db: StoreDatabase
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir())
  db = openWithConnection(join(dir, 'store.db'))
})
afterEach(() => {
  db.close()
  cleanup()
})

const draftFor = (clusterId: string, retentionDays = 7) => ({
  connectionId: CONNECTION_ID,
  clusterId,
  policy: { ...weekdayPolicy, retentionDays },
  basePolicy: null
})

describe('connections', () => {
  it('adds, renames, tags and lists; bad names are refused', () => {
    addConnection(db, { id: 'conn-2', name: 'Staging', baseUrl: 'https://example.test' })
    renameConnection(db, 'conn-2', 'Acceptance')
    setConnectionTag(db, 'conn-2', 'orange')
    expect(listConnections(db).map((c) => [c.name, c.tag])).toEqual([['Acceptance', 'orange'], ['Production', null]])
    expect(() => renameConnection(db, 'conn-2', '  ')).toThrow(expect.objectContaining({ code: 'input/invalid' }))
    expect(() => addConnection(db, { name: 'x', baseUrl: 'ftp://x' })).toThrow(/https/)
    expect(() => renameConnection(db, 'nope', 'x')).toThrow(expect.objectContaining({ code: 'not-found' }))
  })

  it('removing a connection deletes its cache and keeps or deletes its drafts as asked', () => {
    addConnection(db, { id: 'conn-2', name: 'Staging', baseUrl: 'https://example.test' })
    replaceBackups(db, CONNECTION_ID, makeBackups(10))
    replaceBackups(db, 'conn-2', makeBackups(5, { connectionId: 'conn-2', tag: 'two' }))
    saveDraft(db, draftFor('in01-1'))
    saveDraft(db, { ...draftFor('in01-2'), connectionId: 'conn-2' })
    removeConnection(db, CONNECTION_ID, { drafts: 'keep' })
    expect(countRows(db, 'backups')).toBe(5)
    expect(listDrafts(db)).toHaveLength(2)
    removeConnection(db, 'conn-2', { drafts: 'delete' })
    expect(listDrafts(db).map((d) => d.connectionId)).toEqual([CONNECTION_ID])
    expect(countRows(db, 'sync_state')).toBe(0)
  })
})

describe('mirror (R27)', () => {
  it('replaces a whole list or nothing: a bad row leaves the previous list byte-identical', () => {
    replaceBackups(db, CONNECTION_ID, makeBackups(50, { tag: 'old' }))
    const before = db.sqlite.prepare('SELECT * FROM backups ORDER BY backup_id').all()
    const duplicate = makeBackups(30, { tag: 'new' })
    duplicate.push({ ...duplicate[0]! })
    expect(() => replaceBackups(db, CONNECTION_ID, duplicate)).toThrow(expect.objectContaining({ code: 'input/invalid' }))
    const badDate = makeBackups(30, { tag: 'new' }).map((b, i) => (i === 29 ? { ...b, createTime: 'yesterday' } : b))
    expect(() => replaceBackups(db, CONNECTION_ID, badDate)).toThrow(/createTime is not a valid date/)
    const wrongOwner = makeBackups(3, { connectionId: 'other' })
    expect(() => replaceBackups(db, CONNECTION_ID, wrongOwner)).toThrow(/belongs to another connection/)
    expect(db.sqlite.prepare('SELECT * FROM backups ORDER BY backup_id').all()).toEqual(before)
  })

  it('replacing for an unknown connection is not-found', () => {
    expect(() => replaceBackups(db, 'ghost', [])).toThrow(expect.objectContaining({ code: 'not-found' }))
  })

  it('tracks stale flags: a replace clears its list, markStale sets it', () => {
    expect(getSyncState(db, CONNECTION_ID)?.stale.backups).toBe(true)
    replaceBackups(db, CONNECTION_ID, makeBackups(3))
    expect(getSyncState(db, CONNECTION_ID)?.stale).toMatchObject({ backups: false, clusters: true })
    markStale(db, CONNECTION_ID, ['backups'])
    expect(getSyncState(db, CONNECTION_ID)?.stale.backups).toBe(true)
    expect(countRows(db, 'backups')).toBe(3)
  })

  it('drafts survive replacing the cache, clearing it, and their cluster leaving it', () => {
    const cluster = {
      clusterId: 'in01-1', clusterName: 'one', projectId: 'p', connectionId: CONNECTION_ID, regionId: 'aws-us-west-2',
      plan: 'Enterprise', deployment: 'Dedicated' as const, cuType: 'Performance-optimized', cuSize: 2,
      status: 'RUNNING', createTime: '2025-01-01T00:00:00Z'
    }
    replaceClusters(db, CONNECTION_ID, [cluster])
    upsertPolicy(db, CONNECTION_ID, { clusterId: 'in01-1', policy: weekdayPolicy, readAt: '2025-01-02T00:00:00Z' })
    saveDraft(db, draftFor('in01-1'))
    replaceClusters(db, CONNECTION_ID, [])
    clearCache(db)
    expect(listClusters(db)).toEqual([])
    expect(getMirroredPolicy(db, 'in01-1')).toBeNull()
    expect(listDrafts(db)).toHaveLength(1)
  })
})

describe('drafts: one open draft per cluster', () => {
  it('saving again edits the open draft in place and puts it back to local', () => {
    const first = saveDraft(db, draftFor('in01-1', 7))
    setDraftState(db, first.id, 'failed', 'Retention too long')
    const second = saveDraft(db, draftFor('in01-1', 9))
    expect(second).toMatchObject({ id: first.id, state: 'local', policy: { retentionDays: 9 } })
    expect(second.error).toBeUndefined()
  })

  it('a synced draft is closed: the next save opens a new one', () => {
    const first = saveDraft(db, draftFor('in01-1'))
    setDraftState(db, first.id, 'synced')
    const next = saveDraft(db, draftFor('in01-1', 3))
    expect(next.id).not.toBe(first.id)
    expect(findOpenDraft(db, CONNECTION_ID, 'in01-1')?.id).toBe(next.id)
    expect(listDrafts(db, { states: ['synced'] }).map((d) => d.id)).toEqual([first.id])
  })

  it('refuses edits and discards while a push is running, and invalid policies', () => {
    const draft = saveDraft(db, draftFor('in01-1'))
    setDraftState(db, draft.id, 'syncing')
    expect(() => saveDraft(db, draftFor('in01-1'))).toThrow(expect.objectContaining({ code: 'busy' }))
    expect(() => discardDraft(db, draft.id)).toThrow(expect.objectContaining({ code: 'busy' }))
    const invalid = { ...draftFor('in01-2'), policy: { ...weekdayPolicy, retentionDays: 1.5 } }
    expect(() => saveDraft(db, invalid)).toThrow(expect.objectContaining({ code: 'input/invalid' }))
    setDraftState(db, draft.id, 'conflict', 'Remote changed')
    discardDraft(db, draft.id)
    expect(listDrafts(db)).toEqual([])
  })
})

describe('backup intents (R25)', () => {
  const intent = (clusterId: string) => ({
    connectionId: CONNECTION_ID, clusterId, params: { description: 'before upgrade' }, requestedAtServerMs: 1_700_000_000_000, knownBackupIds: []
  })

  it('allows one PENDING intent per cluster', () => {
    const first = beginIntent(db, intent('in01-1'))
    expect(() => beginIntent(db, intent('in01-1'))).toThrow(expect.objectContaining({ code: 'busy' }))
    beginIntent(db, intent('in01-2'))
    expect(() =>
      db.sqlite.prepare(
        `INSERT INTO backup_intents (id, connection_id, cluster_id, params, requested_at_server_ms, state, created_at, updated_at)
         VALUES ('raw', ?, 'in01-1', '{}', 1, 'PENDING', 1, 1)`
      ).run(CONNECTION_ID)
    ).toThrow(/UNIQUE/)
    confirmIntent(db, first.id, { backupId: 'backup-1', jobId: 'job-1' })
    expect(beginIntent(db, intent('in01-1')).state).toBe('PENDING')
  })

  it('moves PENDING → UNKNOWN → CONFIRMED or FAILED and lists what is unresolved', () => {
    const a = beginIntent(db, intent('in01-1'))
    const b = beginIntent(db, intent('in01-2'))
    markIntentUnknown(db, a.id)
    const unresolved = listPendingIntents(db).map((i) => `${i.id}:${i.state}`)
    expect(unresolved.sort()).toEqual([`${a.id}:UNKNOWN`, `${b.id}:PENDING`].sort())
    expect(listPendingIntents(db, { includeUnknown: false }).map((i) => i.id)).toEqual([b.id])
    expect(confirmIntent(db, a.id, { backupId: 'bk', jobId: null })).toMatchObject({ state: 'CONFIRMED', backupId: 'bk' })
    expect(failIntent(db, b.id, 'quota')).toMatchObject({ state: 'FAILED', error: 'quota' })
    expect(() => markIntentUnknown(db, b.id)).toThrow(/FAILED; it cannot become UNKNOWN/)
    expect(listPendingIntents(db)).toEqual([])
  })
})

describe('jobs and history', () => {
  it('tracks a job and lists it as active until it ends', () => {
    const job = { jobId: 'job-1', type: 'BACKUP', status: 'IN_PROGRESS' as const, progress: 10, startTime: null, endTime: null, reason: '' }
    trackJob(db, { connectionId: CONNECTION_ID, clusterId: 'in01-1', action: 'create-backup', job })
    expect(listActiveJobs(db).map((j) => j.jobId)).toEqual(['job-1'])
    updateJob(db, CONNECTION_ID, { ...job, status: 'SUCCESSFUL', progress: 100, endTime: '2025-01-01T00:10:00Z' })
    expect(listActiveJobs(db)).toEqual([])
  })

  it('records policy changes newest first', () => {
    recordPolicyChange(db, { connectionId: CONNECTION_ID, clusterId: 'in01-1', source: 'remote-change', before: null, after: weekdayPolicy, at: 1 })
    recordPolicyChange(db, { connectionId: CONNECTION_ID, clusterId: 'in01-1', source: 'local-push', before: weekdayPolicy, after: { ...weekdayPolicy, retentionDays: 14 }, at: 2 })
    expect(listPolicyHistory(db, { clusterId: 'in01-1' }).map((h) => h.source)).toEqual(['local-push', 'remote-change'])
  })
})
