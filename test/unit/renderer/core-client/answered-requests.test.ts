import { describe, expect, test } from 'vitest'
import { failure, success, type Envelope } from '#contract/envelope'
import type { AppInfo } from '#contract/commands/app'
import { countRequests } from '../../../../src-renderer/lib/core-client/answered-requests.ts'
import { deferred, FakeCoreClient, settle } from '../../../fakes/fake-core-client.ts'

const info: AppInfo = { version: '0.1.0', runtime: 'browser', dataDir: '/tmp/data', demoAvailable: false }

/** Whether `promise` has settled by the time every pending callback ran. */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let isSettled = false
  void promise.then(() => (isSettled = true))
  await settle()
  return isSettled
}

describe('countRequests', () => {
  test('allAnswered resolves at once when no request is in flight', async () => {
    const client = countRequests(new FakeCoreClient())
    expect(await hasSettled(client.allAnswered())).toBe(true)
  })

  test('allAnswered waits for the last request in flight, not the first one answered', async () => {
    const first = deferred<Envelope<AppInfo>>()
    const second = deferred<Envelope<AppInfo>>()
    const answers = [first.promise, second.promise]
    const fake = new FakeCoreClient().answer('app/info', () => answers.shift() ?? Promise.reject(new Error('a third call')))
    const client = countRequests(fake)
    const reads = [client.invoke('app/info', {}), client.invoke('app/info', {})]
    const answered = client.allAnswered()
    first.resolve(success(info))
    expect(await hasSettled(answered)).toBe(false)
    second.resolve(success(info))
    expect(await hasSettled(answered)).toBe(true)
    // The callers still get their own answers, through the wrapper.
    expect((await Promise.all(reads)).map((r) => r.ok)).toEqual([true, true])
  })

  test('a request that failed counts as answered, and its failure reaches the caller', async () => {
    const fake = new FakeCoreClient().answer('app/info', () => Promise.resolve(failure('internal', 'Backup Desk is not answering')))
    const client = countRequests(fake)
    const read = client.invoke('app/info', {})
    const answered = client.allAnswered()
    expect(await hasSettled(answered)).toBe(true)
    expect((await read).ok).toBe(false)
  })

  test('a request sent after an earlier quiet moment is waited for by the next allAnswered', async () => {
    const later = deferred<Envelope<AppInfo>>()
    const fake = new FakeCoreClient().answer('app/info', () => later.promise)
    const client = countRequests(fake)
    expect(await hasSettled(client.allAnswered())).toBe(true)
    void client.invoke('app/info', {})
    const answered = client.allAnswered()
    expect(await hasSettled(answered)).toBe(false)
    later.resolve(success(info))
    expect(await hasSettled(answered)).toBe(true)
  })

  test('events and missed-event notices pass through to the wrapped client', () => {
    const fake = new FakeCoreClient()
    const client = countRequests(fake)
    const seen: string[] = []
    const stop = client.subscribe((message) => seen.push(message.name))
    fake.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    let missed = 0
    client.onMissedEvents(() => (missed += 1))
    fake.reconnect()
    stop()
    fake.emit('sync/finished', { connectionId: 'conn-1', ok: true })
    expect(seen).toEqual(['sync/finished'])
    expect(missed).toBe(1)
  })
})
