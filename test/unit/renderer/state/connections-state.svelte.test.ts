import { describe, expect, test } from 'vitest'
import { failure, success } from '#contract/envelope'
import type { Connection } from '#contract/models/connection'
import { ConnectionsState } from '../../../../src-renderer/lib/state/connections.svelte.ts'
import { FakeCoreClient } from '../../../fakes/fake-core-client.ts'

function connection(id: string, isActive: boolean): Connection {
  return {
    id,
    name: `Org ${id}`,
    baseUrl: 'https://api.example.test',
    hasToken: true,
    tokenHint: '••••3f9a',
    tag: null,
    isActive,
    createdAt: '2026-11-20T10:00:00Z',
    lastSyncAt: null,
    lastSyncError: null
  }
}

function listing(...answers: Connection[][]): FakeCoreClient {
  let call = 0
  return new FakeCoreClient().answer('connection/list', () => success(answers[Math.min(call++, answers.length - 1)] ?? []))
}

// App.svelte keys the screen by `screenGeneration`: a change mounts the screen afresh.
describe('ConnectionsState.screenGeneration', () => {
  test('stays the same when the first read makes the active connection known, and when a read finds it unchanged', async () => {
    const state = new ConnectionsState(listing([connection('a', true), connection('b', false)]))
    await state.load()
    expect(state.active?.id).toBe('a')
    expect(state.screenGeneration).toBe(0)
    await state.load()
    expect(state.screenGeneration).toBe(0)
  })

  test('changes when another connection becomes the active one, by a switch or by a later read', async () => {
    const state = new ConnectionsState(listing([connection('a', true), connection('b', false)], [connection('a', true), connection('b', false)], [connection('a', false), connection('b', true)]))
    await state.load()
    state.replace({ ...connection('b', true) })
    expect(state.active?.id).toBe('b')
    expect(state.screenGeneration).toBe(1)
    await state.load()
    expect(state.active?.id).toBe('a')
    expect(state.screenGeneration).toBe(2)
    await state.load()
    expect(state.screenGeneration).toBe(3)
  })

  test('changes when the active connection is removed, and when the first one is added to an empty list', async () => {
    const state = new ConnectionsState(listing([]))
    await state.load()
    expect(state.screenGeneration).toBe(0)
    state.replace(connection('a', true))
    expect(state.screenGeneration).toBe(1)
    state.remove('a')
    expect(state.active).toBeNull()
    expect(state.screenGeneration).toBe(2)
  })

  test('a failed first read counts as known (none active): the list arriving later mounts the screen afresh', async () => {
    let call = 0
    const client = new FakeCoreClient().answer('connection/list', () =>
      call++ === 0 ? failure('internal', 'The host is starting') : success([connection('a', true)])
    )
    const state = new ConnectionsState(client)
    await state.load()
    expect(state.error).not.toBeNull()
    expect(state.screenGeneration).toBe(0)
    await state.load()
    expect(state.screenGeneration).toBe(1)
  })
})

// App.svelte reads the shell's jobs and notices again when a connection goes: the core deletes them with it.
describe('ConnectionsState.onRemoved', () => {
  test('tells when a connection is removed here or found gone at a read, not at the first read nor when one is added', async () => {
    const state = new ConnectionsState(
      listing([connection('a', true), connection('b', false)], [connection('a', true), connection('b', false), connection('c', false)], [connection('a', true)])
    )
    let told = 0
    const stop = state.onRemoved(() => told++)
    await state.load()
    await state.load()
    expect(told).toBe(0)
    await state.load()
    expect(told).toBe(1)
    state.remove('a')
    expect(told).toBe(2)
    state.remove('nobody')
    expect(told).toBe(2)
    stop()
  })
})
