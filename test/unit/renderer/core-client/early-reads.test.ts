import { describe, expect, test } from 'vitest'
import { failure, success } from '#contract/envelope'
import { withEarlyReads } from '../../../../src-renderer/lib/core-client/early-reads.ts'
import { FakeCoreClient } from '../../../fakes/fake-core-client.ts'

const FIRST = { from: '2026-11-12T12:00:00.000Z', to: '2026-12-03T12:00:00.000Z', offset: 0, limit: 25 }
const page = (total: number) => success({ total, groups: [], lanes: [] })

describe('withEarlyReads: the first screen’s read, sent before the screen exists', () => {
  test('the first invoke with the same input takes the early answer: one request to the core', async () => {
    const core = new FakeCoreClient().answer('timeline/lanes', () => page(7))
    const client = withEarlyReads(core)
    client.sendEarly('timeline/lanes', FIRST)
    expect(core.callsOf('timeline/lanes')).toEqual([FIRST])
    await expect(client.invoke('timeline/lanes', { ...FIRST })).resolves.toEqual(page(7))
    expect(core.callsOf('timeline/lanes')).toHaveLength(1)
  })

  test('answerOf waits for the early answer without taking it: the screen’s invoke still gets it, with one request', async () => {
    const core = new FakeCoreClient().answer('timeline/lanes', () => page(7))
    const client = withEarlyReads(core)
    expect(client.answerOf('timeline/lanes')).toBeUndefined()
    client.sendEarly('timeline/lanes', FIRST)
    await expect(client.answerOf('timeline/lanes')).resolves.toEqual(page(7))
    await expect(client.invoke('timeline/lanes', FIRST)).resolves.toEqual(page(7))
    expect(core.callsOf('timeline/lanes')).toHaveLength(1)
    expect(client.answerOf('timeline/lanes')).toBeUndefined()
  })

  test('the early answer is handed over once: a later identical invoke asks the core again', async () => {
    let total = 0
    const core = new FakeCoreClient().answer('timeline/lanes', () => page(++total))
    const client = withEarlyReads(core)
    client.sendEarly('timeline/lanes', FIRST)
    await client.invoke('timeline/lanes', FIRST)
    await expect(client.invoke('timeline/lanes', FIRST)).resolves.toEqual(page(2))
    expect(core.callsOf('timeline/lanes')).toHaveLength(2)
  })

  test('a first invoke with another input sends its own request, and the early answer is dropped, never shown', async () => {
    let total = 0
    const core = new FakeCoreClient().answer('timeline/lanes', () => page(++total))
    const client = withEarlyReads(core)
    client.sendEarly('timeline/lanes', FIRST)
    await expect(client.invoke('timeline/lanes', { ...FIRST, offset: 25 })).resolves.toEqual(page(2))
    await expect(client.invoke('timeline/lanes', FIRST)).resolves.toEqual(page(3))
    expect(core.callsOf('timeline/lanes')).toEqual([FIRST, { ...FIRST, offset: 25 }, FIRST])
  })

  test('an early read that failed hands its failure to the screen, as its own read would have', async () => {
    const refused = failure('input/invalid', 'from: must be before to')
    const core = new FakeCoreClient().answer('timeline/lanes', () => refused)
    const client = withEarlyReads(core)
    client.sendEarly('timeline/lanes', FIRST)
    await expect(client.invoke('timeline/lanes', FIRST)).resolves.toEqual(refused)
  })

  test('other commands go straight to the core, and events and missed-event notices are the core client’s', async () => {
    const core = new FakeCoreClient().answer('timeline/lanes', () => page(1)).answer('connection/list', () => success([]))
    const client = withEarlyReads(core)
    client.sendEarly('timeline/lanes', FIRST)
    await expect(client.invoke('connection/list', {})).resolves.toEqual(success([]))
    const seen: string[] = []
    client.subscribe((message) => seen.push(message.name))
    client.onMissedEvents(() => seen.push('missed'))
    core.emit('sync/finished', { connectionId: 'c1', ok: true })
    core.reconnect()
    expect(seen).toEqual(['sync/finished', 'missed'])
    expect(core.callsOf('timeline/lanes')).toEqual([FIRST])
  })
})
