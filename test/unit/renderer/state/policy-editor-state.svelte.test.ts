import { describe, expect, test } from 'vitest'
import type { PolicyHistoryEntry } from '#contract/commands/policy'
import { failure, success } from '#contract/envelope'
import type { Draft } from '#contract/models/draft'
import type { BackupPolicy } from '#contract/models/policy'
import { PolicyEditorState } from '../../../../src-renderer/lib/state/policy-editor.svelte.ts'
import { FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

const CLUSTER = 'in01-orders'
const CONNECTION = 'conn-1'
const REMOTE: BackupPolicy = { enabled: true, frequency: '1,3,5', startTime: '02:00-04:00', retentionDays: 7, crossRegionCopies: [] }
const DRAFTED: BackupPolicy = { ...REMOTE, retentionDays: 30 }

function draft(state: Draft['state'], policy = DRAFTED): Draft {
  return { id: 'draft-1', clusterId: CLUSTER, connectionId: CONNECTION, policy, basePolicy: REMOTE, state, updatedAt: '2026-11-20T10:00:00Z' }
}

function historyEntry(at: string, after: BackupPolicy): PolicyHistoryEntry {
  return { clusterId: CLUSTER, at, source: 'local-push', before: REMOTE, after }
}

/** A core holding one mirrored policy, the cluster's drafts and its history, as the editor reads them. */
function editorCore(options: { remote?: BackupPolicy | null; drafts?: Draft[]; history?: PolicyHistoryEntry[] } = {}): FakeCoreClient {
  const state = { remote: options.remote === undefined ? REMOTE : options.remote, drafts: options.drafts ?? [], history: options.history ?? [] }
  return new FakeCoreClient()
    .answer('policy/get', () =>
      state.remote === null ? failure('not-found', 'This cluster has no policy yet.') : success({ clusterId: CLUSTER, policy: state.remote, readAt: '2026-11-20T08:00:00Z' })
    )
    .answer('draft/list', () => success(state.drafts))
    .answer('policy/history', () => success(state.history))
    .answer('region/list', () => success({ cloudId: 'aws', copiesSupported: true, regions: [{ regionId: 'aws-us-west-2' }] }))
}

describe('PolicyEditorState loading', () => {
  test('read again after a reconnection (refresh), it keeps what the admin typed and shows the colleague\'s policy as the remote', async () => {
    let remote = REMOTE
    const core = editorCore()
      .answer('policy/get', () => success({ clusterId: CLUSTER, policy: remote, readAt: '2026-11-20T08:00:00Z' }))
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    editor.form.retentionDays = 14
    remote = { ...REMOTE, retentionDays: 21 }
    await editor.refresh()
    expect(editor.form.retentionDays).toBe(14)
    expect(editor.remote?.retentionDays).toBe(21)
    expect(editor.hasUnsavedChanges).toBe(true)
  })

  test('read again after a reconnection with nothing typed, the form shows the policy as it is now', async () => {
    let remote = REMOTE
    const core = editorCore().answer('policy/get', () => success({ clusterId: CLUSTER, policy: remote, readAt: '2026-11-20T08:00:00Z' }))
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    remote = { ...REMOTE, retentionDays: 21 }
    await editor.refresh()
    expect(editor.form.retentionDays).toBe(21)
    expect(editor.hasUnsavedChanges).toBe(false)
  })

  test('starts from the remote policy when there is no open draft, and lists the history newest first', async () => {
    const core = editorCore({ history: [historyEntry('2026-11-01T00:00:00Z', REMOTE), historyEntry('2026-11-10T00:00:00Z', DRAFTED)] })
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    expect(editor.isLoading).toBe(false)
    expect(editor.policy).toEqual(REMOTE)
    expect(editor.hasUnsavedChanges).toBe(false)
    expect(editor.history.map((h) => h.at)).toEqual(['2026-11-10T00:00:00Z', '2026-11-01T00:00:00Z'])
    expect(editor.copyRegions?.regions).toEqual([{ regionId: 'aws-us-west-2' }])
    expect(core.callsOf('draft/list')).toEqual([{ connectionId: CONNECTION, clusterId: CLUSTER }])
  })

  test('starts from the open draft when there is one; a synced draft is history and ignored', async () => {
    const open = new PolicyEditorState(editorCore({ drafts: [draft('queued')] }), CLUSTER, CONNECTION)
    await open.load()
    expect(open.policy.retentionDays).toBe(30)
    expect(open.hasUnsavedChanges).toBe(false)
    expect(open.differsFromRemote).toBe(true)

    const settled = new PolicyEditorState(editorCore({ drafts: [draft('synced')] }), CLUSTER, CONNECTION)
    await settled.load()
    expect(settled.draft).toBeNull()
    expect(settled.policy.retentionDays).toBe(7)
  })

  test('a cluster without a policy yet is no error: the form starts disabled', async () => {
    const editor = new PolicyEditorState(editorCore({ remote: null }), CLUSTER, CONNECTION)
    await editor.load()
    expect(editor.loadError).toBeNull()
    expect(editor.form.enabled).toBe(false)
  })

  test('reads the policy and history of its own organization when two list the same cluster id', async () => {
    const OTHER: BackupPolicy = { ...REMOTE, frequency: '2', retentionDays: 3 }
    const byConnection = new Map([[CONNECTION, REMOTE], ['conn-2', OTHER]])
    const core = editorCore()
      .answer('policy/get', (input) => {
        const policy = input.connectionId === undefined ? undefined : byConnection.get(input.connectionId)
        return policy === undefined ? failure('not-found', 'No such cluster.') : success({ clusterId: CLUSTER, policy, readAt: '2026-11-20T08:00:00Z' })
      })
      .answer('policy/history', (input) => success(input.connectionId === 'conn-2' ? [historyEntry('2026-11-12T00:00:00Z', OTHER)] : []))
    const editor = new PolicyEditorState(core, CLUSTER, 'conn-2')
    await editor.load()
    expect(editor.remote).toEqual(OTHER)
    expect(editor.history.map((h) => h.after)).toEqual([OTHER])
    expect(core.callsOf('policy/get')).toEqual([{ clusterId: CLUSTER, connectionId: 'conn-2' }])
    expect(core.callsOf('policy/history')).toEqual([{ clusterId: CLUSTER, connectionId: 'conn-2' }])
  })

  test('any other failure to read the policy is shown', async () => {
    const core = editorCore().answer('policy/get', () => failure('store/failed', 'The cache could not be read.'))
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    expect(editor.loadError?.code).toBe('store/failed')
  })
})

describe('PolicyEditorState editing', () => {
  test('an edit is an unsaved change; reset goes back to where the form started', async () => {
    const editor = new PolicyEditorState(editorCore(), CLUSTER, CONNECTION)
    await editor.load()
    editor.form.retentionDays = 14
    expect(editor.hasUnsavedChanges).toBe(true)
    expect(editor.differsFromRemote).toBe(true)
    editor.reset()
    expect(editor.hasUnsavedChanges).toBe(false)
  })

  test('an invalid form is neither saved nor applied, and its issues name the field', async () => {
    const core = editorCore()
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    editor.form.weekdays = []
    expect(editor.isValid).toBe(false)
    expect(editor.issues.map((i) => i.field)).toContain('frequency')
    expect(await editor.saveDraft()).toBeNull()
    expect(await editor.apply()).toBeNull()
    expect(core.callsOf('draft/save')).toEqual([])
    expect(core.callsOf('policy/apply')).toEqual([])
  })

  test('saving a draft sends the policy as the form shows it and keeps the saved draft', async () => {
    const core = editorCore().answer('draft/save', (input) => success({ ...draft('local'), policy: input.policy }))
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    editor.form.retentionDays = 30
    expect(await editor.saveDraft()).toBeNull()
    expect(core.callsOf('draft/save')).toEqual([{ clusterId: CLUSTER, connectionId: CONNECTION, policy: DRAFTED }])
    expect(editor.draft?.policy).toEqual(DRAFTED)
    expect(editor.outcome).toEqual({ kind: 'saved', state: 'local' })
    expect(editor.hasUnsavedChanges).toBe(false)
  })

  test('a refused save returns the error and keeps no draft', async () => {
    const core = editorCore().answer('draft/save', () => failure('input/invalid', 'retentionDays is out of range.'))
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    editor.form.retentionDays = 30
    expect((await editor.saveDraft())?.code).toBe('input/invalid')
    expect(editor.draft).toBeNull()
    expect(editor.isWorking).toBe(false)
  })
})

describe('PolicyEditorState applying', () => {
  test('an applied policy clears the draft and reads the remote policy and history again', async () => {
    const core = editorCore()
    core.answer('policy/apply', () => {
      core.answer('policy/get', () => success({ clusterId: CLUSTER, policy: DRAFTED, readAt: '2026-11-20T12:00:00Z' }))
      return success({ draftId: 'draft-1', state: 'synced' })
    })
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    editor.form.retentionDays = 30
    expect(await editor.apply()).toBeNull()
    expect(editor.outcome).toEqual({ kind: 'synced', isEnabled: true, isMerged: false })
    expect(editor.draft).toBeNull()
    expect(editor.remote).toEqual(DRAFTED)
    expect(editor.remoteReadAt).toBe('2026-11-20T12:00:00Z')
    expect(editor.differsFromRemote).toBe(false)
    expect(core.callsOf('policy/history')).toHaveLength(2)
  })

  test('after a merge with a change made elsewhere, the form shows the merged policy, not only what was submitted', async () => {
    const core = editorCore()
    const merged = { ...DRAFTED, retentionDays: 25, startTime: '14:00-16:00' }
    core.answer('policy/apply', () => {
      core.answer('policy/get', () => success({ clusterId: CLUSTER, policy: merged, readAt: '2026-11-20T12:00:00Z' }))
      return success({ draftId: 'draft-1', state: 'synced' })
    })
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    editor.form.windowStart = '14:00'
    await editor.apply()
    expect(editor.outcome).toEqual({ kind: 'synced', isEnabled: merged.enabled, isMerged: true })
    expect(editor.policy).toEqual(merged)
    expect([editor.hasUnsavedChanges, editor.differsFromRemote]).toEqual([false, false])
  })

  test('a conflict keeps the draft the core recorded, so the admin can resolve it', async () => {
    const core = editorCore()
    core.answer('policy/apply', () => {
      core.answer('draft/list', () => success([draft('conflict')]))
      return success({ draftId: 'draft-1', state: 'conflict' })
    })
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    editor.form.retentionDays = 30
    await editor.apply()
    expect(editor.outcome).toEqual({ kind: 'conflict' })
    expect(editor.draft?.state).toBe('conflict')
  })

  test('a refusal by Zilliz Cloud is shown with its reason; a failure to ask is returned', async () => {
    const core = editorCore().answer('policy/apply', () => success({ draftId: 'draft-1', state: 'failed', error: 'Region is not supported.' }))
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    editor.form.retentionDays = 30
    await editor.apply()
    expect(editor.outcome).toEqual({ kind: 'failed', message: 'Region is not supported.' })

    core.answer('policy/apply', () => failure('api/unreachable', 'Zilliz Cloud could not be reached.'))
    expect((await editor.apply())?.code).toBe('api/unreachable')
    expect(editor.outcome).toEqual({ kind: 'failed', message: 'Zilliz Cloud could not be reached.' })
  })
})

describe('PolicyEditorState events', () => {
  test('watch() follows its own draft; when it is synced the remote policy is read again', async () => {
    const core = editorCore({ drafts: [draft('queued')] })
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    const stop = editor.watch()
    core.emit('draft/state-changed', { id: 'draft-1', clusterId: CLUSTER, state: 'syncing' })
    expect(editor.draft?.state).toBe('syncing')
    core.answer('policy/get', () => success({ clusterId: CLUSTER, policy: DRAFTED, readAt: '2026-11-20T12:00:00Z' }))
    core.emit('draft/state-changed', { id: 'draft-1', clusterId: CLUSTER, state: 'synced' })
    await settle()
    expect(editor.remote).toEqual(DRAFTED)
    stop()
    expect(core.listenerCount).toBe(0)
  })

  test("another cluster's draft does not touch this editor", async () => {
    const core = editorCore({ drafts: [draft('queued')] })
    const editor = new PolicyEditorState(core, CLUSTER, CONNECTION)
    await editor.load()
    const stop = editor.watch()
    core.emit('draft/state-changed', { id: 'draft-9', clusterId: 'in01-other', state: 'synced' })
    await settle()
    expect(editor.draft?.state).toBe('queued')
    expect(core.callsOf('policy/get')).toHaveLength(1)
    stop()
  })
})
