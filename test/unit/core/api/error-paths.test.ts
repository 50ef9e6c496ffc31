import { afterEach, describe, expect, it } from 'vitest'
import { CoreError } from '#contract/errors'
import { createLogger } from '#core/lib/logger'
import { ApiError, outcomeOf } from '#core/api/api-error'
import { createZillizClient } from '#core/api/zilliz-client'
import { API_KEY, caught, freePort, ok, recordingSleep, sendJson, startServer } from './test-server.ts'
import type { Handler, TestServer } from './test-server.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const logLines: string[] = []
async function clientFor(handler: Handler) {
  server = await startServer(handler)
  const { sleep } = recordingSleep()
  const logger = createLogger({ sink: (line) => logLines.push(line), minLevel: 'debug' })
  return createZillizClient({ baseUrl: server.url, apiKey: API_KEY, sleep, logger })
}

describe('both Zilliz error paths', () => {
  it('maps HTTP 401 + 21119 to api/unauthorized with a plain message', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 401, { code: 21119, message: 'The apikey is illegal' }, { requestid: 'req-401' }))
    const error = await caught(() => client.listProjects())
    expect(error).toBeInstanceOf(CoreError)
    expect(error).toMatchObject({ code: 'api/unauthorized', message: 'The API key was refused (The apikey is illegal)' })
    expect((error as CoreError).details).toEqual({ apiCode: 21119, requestId: 'req-401' })
    expect(server?.requests).toHaveLength(1)
  })

  it('maps HTTP 200 + non-zero code to api/rejected, keeping the server message and code', async () => {
    const message = 'Cluster not found. Please use the ListClusters API to obtain your scoped clusters.'
    const client = await clientFor((_req, res) => sendJson(res, 200, { code: 96018, message }, { requestid: 'abc-123' }))
    const error = await caught(() => client.describeCluster('in01-0000000000000aa'))
    expect(error).toMatchObject({ code: 'api/rejected', message, details: { apiCode: 96018, requestId: 'abc-123' } })
    expect(outcomeOf(error)).toBe('rejected')
    expect(server?.requests).toHaveLength(1)
  })

  it('maps HTTP 4xx + {code,message} to api/rejected and does not retry it', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 400, { code: 96008, message: 'The parameter value for pageSize should be between 1 and 100.' }))
    const error = await caught(() => client.listBackupsPage({ pageSize: 100 }))
    expect(error).toMatchObject({ code: 'api/rejected', details: { apiCode: 96008 } })
    expect(server?.requests).toHaveLength(1)
  })

  it('treats code 200 (the v1 success code) as success', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, { code: 200, data: [{ cloudId: 'aws', description: 'Amazon' }] }))
    await expect(client.listClouds()).resolves.toEqual([{ cloudId: 'aws', description: 'Amazon' }])
  })

  it('sends the documented headers with the bearer key', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, ok([])))
    await client.listClouds()
    expect(server?.requests[0]).toMatchObject({ method: 'GET', url: '/v2/clouds', authorization: `Bearer ${API_KEY}` })
  })

  it('reports malformed JSON as api/invalid-response without echoing it', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"code":0,"data":[{"cloudId":"secret-looking-payload"')
    })
    const error = await caught(() => client.listClouds())
    expect(error).toMatchObject({ code: 'api/invalid-response' })
    expect((error as Error).message).not.toContain('secret-looking-payload')
    expect(server?.requests).toHaveLength(1)
  })

  it('reports a wrong shape as api/invalid-response naming only the endpoint', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, ok({ clusterId: 'in01-x', status: 'ENABLED', retentionDays: 'seven-weird-value' })))
    const error = await caught(() => client.getPolicy('in01-x'))
    expect(error).toMatchObject({ code: 'api/invalid-response' })
    expect((error as Error).message).toContain('GET /v2/clusters/{id}/backups/policy')
    expect((error as Error).message).not.toContain('seven-weird-value')
    expect((error as Error).message).not.toContain('in01-x')
  })

  it('reports a missing required field as api/invalid-response', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, ok({ backupName: 'b', jobId: 'job-1' })))
    const error = await caught(() => client.createBackup('in01-a', { backupType: 'CLUSTER' }))
    expect(error).toMatchObject({ code: 'api/invalid-response' })
    // The server took the POST: we cannot know whether it created a backup.
    expect(outcomeOf(error)).toBe('unknown')
  })

  it('refuses to follow a redirect (which could carry the key elsewhere)', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(302, { Location: 'http://127.0.0.1:1/steal' })
      res.end()
    })
    const error = await caught(() => client.listClouds())
    expect(error).toMatchObject({ code: 'api/rejected' })
  })
})

describe('connection-level failures', () => {
  it('maps ECONNREFUSED to api/unreachable with a plain message', async () => {
    const port = await freePort()
    const { sleep } = recordingSleep()
    const client = createZillizClient({ baseUrl: `http://127.0.0.1:${port}/`, apiKey: API_KEY, sleep })
    const error = await caught(() => client.listProjects())
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      code: 'api/unreachable',
      message: 'Cannot reach Zilliz Cloud — check the network or the base URL.'
    })
    expect(outcomeOf(error)).toBe('not-sent')
  })
})

describe('the API key stays secret', () => {
  it('never appears in errors, serialized errors, stats or log lines', async () => {
    let n = 0
    const client = await clientFor((_req, res) => {
      n++
      if (n % 3 === 0) sendJson(res, 401, { code: 21119, message: 'The apikey is illegal' })
      else if (n % 3 === 1) sendJson(res, 503, { code: 1, message: 'down' })
      else sendJson(res, 200, { code: 96018, message: 'Cluster not found.' })
    })
    const errors: unknown[] = []
    for (let i = 0; i < 4; i++) errors.push(await caught(() => client.describeCluster('in01-1')))
    errors.push(await caught(() => client.createBackup('in01-1', { backupType: 'CLUSTER' })))
    const dump = JSON.stringify([errors.map((e) => [String(e), (e as Error).stack, JSON.stringify(e)]), client.stats(), logLines])
    expect(dump).not.toContain(API_KEY)
    expect(dump).not.toContain(API_KEY.slice(3, 20))
  })
})
