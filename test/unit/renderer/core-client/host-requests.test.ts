import { afterEach, describe, expect, test, vi } from 'vitest'
import { success } from '#contract/envelope'
import { forgetSentFirst, postRpc, sendFirst } from '../../../../src-renderer/lib/core-client/host-requests.ts'
import { createHttpCoreClient } from '../../../../src-renderer/lib/core-client/http-core-client.ts'
import { HostReachability } from '../../../../src-renderer/lib/core-client/host-reachability.ts'
import { freePort, sendJson, startServer, type TestServer } from '../../core/api/test-server.ts'

const FIRST_ROWS = { limit: 50, locale: 'en-US' }

/** A host answering each read with the count of requests it has had so far. */
async function countingHost(): Promise<TestServer> {
  const host: TestServer = await startServer((_req, res) => sendJson(res, 200, success({ answered: host.requests.length })))
  return host
}

let host: TestServer | undefined

afterEach(async () => {
  forgetSentFirst()
  vi.unstubAllGlobals()
  await host?.close()
  host = undefined
})

describe('the requests the page’s first script sends, handed to the HTTP client (host-requests.ts)', () => {
  test('the first identical request takes the first script’s response: the host is asked once', async () => {
    host = await countingHost()
    sendFirst(host.url, 'cluster/list-window', FIRST_ROWS)
    const response = await postRpc(host.url, 'cluster/list-window', { ...FIRST_ROWS })
    await expect(response.json()).resolves.toEqual(success({ answered: 1 }))
    expect(host.requests.map((request) => [request.url, request.body])).toEqual([['/rpc/cluster/list-window', JSON.stringify(FIRST_ROWS)]])
  })

  test('it is handed over once: a later identical request asks the host again', async () => {
    host = await countingHost()
    sendFirst(host.url, 'keychain/status', {})
    await postRpc(host.url, 'keychain/status', {})
    const later = await postRpc(host.url, 'keychain/status', {})
    await expect(later.json()).resolves.toEqual(success({ answered: 2 }))
  })

  test('a first request with another input sends its own, and the first script’s answer is dropped, never shown', async () => {
    host = await countingHost()
    sendFirst(host.url, 'cluster/list-window', FIRST_ROWS)
    const other = await postRpc(host.url, 'cluster/list-window', { ...FIRST_ROWS, locale: 'de-DE' })
    expect(JSON.parse(host.requests.at(-1)?.body ?? '')).toEqual({ ...FIRST_ROWS, locale: 'de-DE' })
    await other.json()
    const again = await postRpc(host.url, 'cluster/list-window', FIRST_ROWS)
    await expect(again.json()).resolves.toEqual(success({ answered: 3 }))
  })

  test('once the first screen has started, an untaken first request is forgotten: a later identical read asks the host itself', async () => {
    host = await countingHost()
    sendFirst(host.url, 'cluster/list-window', FIRST_ROWS)
    forgetSentFirst()
    await expect.poll(() => host?.requests.length).toBe(1)
    const later = await postRpc(host.url, 'cluster/list-window', FIRST_ROWS)
    await expect(later.json()).resolves.toEqual(success({ answered: 2 }))
  })

  test('a first request the host never got is reported by the client that takes it, as its own read’s failure would be', async () => {
    // The client's event stream is not what is tested here: a stream that never opens.
    vi.stubGlobal('EventSource', class { static readonly CLOSED = 2; readyState = 0; addEventListener(): void {} })
    const baseUrl = `http://127.0.0.1:${await freePort()}`
    const reachability = new HostReachability()
    sendFirst(baseUrl, 'keychain/status', {})
    const client = createHttpCoreClient(baseUrl, reachability)
    const answer = await client.invoke('keychain/status', {})
    expect(answer.ok).toBe(false)
    expect(reachability.isReachable).toBe(false)
  })
})
