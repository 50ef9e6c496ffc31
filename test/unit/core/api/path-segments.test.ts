import { afterEach, describe, expect, it } from 'vitest'
import { createZillizClient } from '#core/api/zilliz-client'
import { API_KEY, caught, recordingSleep, sendJson, startServer, type TestServer } from './test-server.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const DOT_SEGMENTS = ['.', '..', '%2e', '%2E%2e', '.%2e', '%2e.']

describe('path segments built from IDs', () => {
  it('refuses dot segments, plain or percent-encoded, before any request carries the API key', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { code: 0, data: {} }))
    const client = createZillizClient({ baseUrl: server.url, apiKey: API_KEY, sleep: recordingSleep().sleep })
    for (const id of DOT_SEGMENTS) {
      const calls = [
        () => client.deleteBackup('in01-a', id),
        () => client.restoreCluster('in01-a', id, { projectId: 'p', clusterName: 'n', cuSize: 1, collectionStatus: 'KEEP' }),
        () => client.exportBackup('in01-a', id, { integrationId: 'integ-1' }),
        () => client.describeCluster(id),
        () => client.describeJob(id)
      ]
      for (const call of calls) {
        const error = await caught(call)
        expect(error, id).toMatchObject({ code: 'input/invalid', message: expect.stringMatching(/^The (backup|cluster|job) ID cannot be a dot segment\.$/) as string })
      }
    }
    expect(server.requests).toEqual([])
  })

  it('still sends an ID that merely contains dots, encoded as one segment', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { code: 0, data: { backupId: 'a..b', backupName: 'x' } }))
    const client = createZillizClient({ baseUrl: server.url, apiKey: API_KEY, sleep: recordingSleep().sleep })
    await client.deleteBackup('in01-a', 'a..b')
    expect(server.requests.map((r) => r.url)).toEqual(['/v2/clusters/in01-a/backups/a..b'])
  })
})
