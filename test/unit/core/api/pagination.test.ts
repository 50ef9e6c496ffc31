import { afterEach, describe, expect, it } from 'vitest'
import { streamPages, walkPages } from '#core/api/paginate'
import { createZillizClient } from '#core/api/zilliz-client'
import { API_KEY, caught, ok, recordingSleep, sendJson, startServer } from './test-server.ts'
import type { TestServer } from './test-server.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
})

const backup = (i: number) => ({
  projectId: 'proj-89bf4a83cfe2c8a4f03482',
  backupId: `backup${i}_1e3c0988ecb7f0d`,
  backupName: `Dedicated-01_backup${i}`,
  backupType: 'CLUSTER',
  creationMethod: i % 2 === 0 ? 'AUTO' : 'MANUAL',
  size: 1024 * i,
  expireTime: '2026-08-01T00:00:00Z',
  clusterId: 'in01-6183d6bac30f801',
  clusterName: 'Dedicated-01',
  createTime: '2026-07-01T00:00:00Z',
  status: 'AVAILABLE'
})

/** Serves `items()` (re-read per request) in pages of the requested size. */
async function pagedServer(items: () => ReturnType<typeof backup>[]) {
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const page = Number(url.searchParams.get('currentPage'))
    const size = Number(url.searchParams.get('pageSize'))
    const all = items()
    sendJson(res, 200, ok({ count: all.length, currentPage: page, pageSize: size, backups: all.slice((page - 1) * size, page * size) }))
  })
  return createZillizClient({ baseUrl: server.url, apiKey: API_KEY, sleep: recordingSleep().sleep })
}

describe('listAllBackups', () => {
  it('walks every page with pageSize 100, passes filters and reports progress', async () => {
    const all = Array.from({ length: 250 }, (_, i) => backup(i))
    const client = await pagedServer(() => all)
    const progress: number[] = []
    const list = await client.listAllBackups({ clusterId: 'in01-6183d6bac30f801', creationMethod: 'MANUAL' }, (p) => progress.push(p.fetched))
    expect(list).toHaveLength(250)
    expect(progress).toEqual([100, 200, 250])
    // Pages 2 and 3 are asked for together, paced apart: a new connection can bring either to the server first.
    expect(server?.requests.map((r) => r.url).sort()).toEqual([1, 2, 3].map((p) => `/v2/backups?clusterId=in01-6183d6bac30f801&creationMethod=MANUAL&currentPage=${p}&pageSize=100`))
    expect(list[0]).toEqual({ ...backup(0), createTime: '2026-07-01T00:00:00.000Z', expireTime: '2026-08-01T00:00:00.000Z' })
  })

  it('dedupes a backup served on two pages', async () => {
    const all = Array.from({ length: 150 }, (_, i) => backup(i))
    all[120] = backup(5)
    const client = await pagedServer(() => all)
    const list = await client.listAllBackups()
    expect(list).toHaveLength(149)
    expect(new Set(list.map((b) => b.backupId)).size).toBe(149)
  })

  it('restarts when count changes mid-walk and ends without duplicates or gaps', async () => {
    const all = Array.from({ length: 150 }, (_, i) => backup(i))
    let served = 0
    const client = await pagedServer(() => {
      served++
      // A backup is created between page 1 and page 2 of the first walk.
      if (served === 2) all.unshift(backup(999))
      return all
    })
    const list = await client.listAllBackups()
    expect(list).toHaveLength(151)
    expect(server?.requests.length).toBe(2 + 2)
  })

  it('fails clearly when the list keeps changing', async () => {
    const all = Array.from({ length: 150 }, (_, i) => backup(i))
    let n = 1000
    const client = await pagedServer(() => {
      all.unshift(backup(n++))
      return all
    })
    const error = await caught(() => client.listAllBackups())
    expect(error).toMatchObject({ code: 'api/invalid-response', message: 'The backup list kept changing while it was being read (3 tries); try again.' })
    expect(server?.requests.length).toBe(6)
  })

  it('an empty list takes one request', async () => {
    const client = await pagedServer(() => [])
    await expect(client.listAllBackups()).resolves.toEqual([])
    expect(server?.requests).toHaveLength(1)
  })
})

describe('listClusters', () => {
  it('walks every page and normalizes each cluster', async () => {
    const clusters = Array.from({ length: 130 }, (_, i) => ({
      clusterId: `in01-${String(i).padStart(15, '0')}`,
      clusterName: `c${i}`,
      projectId: 'proj-1',
      regionId: 'aws-us-west-2',
      plan: 'Enterprise',
      cuType: 'Performance-optimized',
      cuSize: 2,
      status: 'RUNNING',
      createTime: '2026-01-01T00:00:00Z'
    }))
    server = await startServer((req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('currentPage'))
      sendJson(res, 200, ok({ count: 130, currentPage: page, pageSize: 100, clusters: clusters.slice((page - 1) * 100, page * 100) }))
    })
    const client = createZillizClient({ baseUrl: server.url, apiKey: API_KEY })
    const pages: string[][] = []
    const list = await client.listClusters(undefined, (page) => pages.push(page.map((c) => `${c.clusterId}:${c.deployment}`)))
    expect(list).toHaveLength(130)
    expect(list.every((c) => c.deployment === 'Dedicated')).toBe(true)
    expect(server.requests).toHaveLength(2)
    // Each page is handed over as it arrives, normalized, so a sync can start the policy reads of its clusters.
    expect(pages.map((p) => p.length)).toEqual([100, 30])
    expect(pages.flat().sort()).toEqual(list.map((c) => `${c.clusterId}:Dedicated`).sort())
  })
})

describe('walkPages on a long list (100,000 backups)', () => {
  const ids = Array.from({ length: 100_000 }, (_, i) => `b${i}`)
  const pageOf = (page: number) => ({ count: ids.length, items: ids.slice((page - 1) * 100, page * 100) })

  it('asks for at most 8 pages at once, in page order, so none waits for its turn past its deadline', async () => {
    let inFlight = 0
    let most = 0
    const asked: number[] = []
    const list = await walkPages({
      pageSize: 100, what: 'backup', keyOf: (id: string) => id,
      fetchPage: async (page) => {
        asked.push(page)
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((resolve) => setImmediate(resolve))
        inFlight--
        return pageOf(page)
      }
    })
    expect(list).toEqual(ids)
    expect(most).toBe(8)
    expect(asked).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
  })

  it('stops asking for pages once one failed, and fails with its error', async () => {
    const asked: number[] = []
    const walk = walkPages({
      pageSize: 100, what: 'backup', keyOf: (id: string) => id, maxPagesInFlight: 4,
      fetchPage: async (page) => {
        asked.push(page)
        await new Promise((resolve) => setImmediate(resolve))
        if (page === 10) throw new Error('page 10 failed')
        return pageOf(page)
      }
    })
    await expect(walk).rejects.toThrow('page 10 failed')
    await new Promise((resolve) => setImmediate(resolve))
    expect(Math.max(...asked)).toBeLessThan(15)
  })
})


describe('streamPages: a list handed over page by page instead of held', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `b${i}`)
  const pageOf = (page: number, list: readonly string[] = ids) => ({ count: list.length, items: list.slice((page - 1) * 100, page * 100) })
  /** Pages answer in reverse order of asking within each batch, so order of delivery is the walker's doing. */
  const shuffled = async (page: number): Promise<void> => {
    for (let i = 0; i < (page % 4) + 1; i++) await new Promise((resolve) => setImmediate(resolve))
  }

  it('delivers every page once, in page order, though pages arrive out of order, and counts distinct items', async () => {
    const delivered: string[][] = []
    const count = await streamPages({
      pageSize: 100, what: 'backup', keyOf: (id: string) => id, maxPagesInFlight: 4,
      onPage: (items) => delivered.push([...items]),
      onRestart: () => delivered.push(['restart']),
      fetchPage: async (page) => {
        await shuffled(page)
        return pageOf(page)
      }
    })
    expect(count).toBe(1000)
    expect(delivered.flat()).toEqual(ids)
    expect(delivered).toHaveLength(10)
  })

  it('says "start over" when the list moved mid-walk, then delivers the new walk whole, its repeated items counted once', async () => {
    let list = ids
    let asked = 0
    const delivered: string[] = []
    let restarts = 0
    const count = await streamPages({
      pageSize: 100, what: 'backup', keyOf: (id: string) => id, maxPagesInFlight: 1,
      onPage: (items) => delivered.push(...items),
      onRestart: () => {
        restarts++
        delivered.length = 0
      },
      fetchPage: (page) => {
        // A backup is created while page 3 of the first walk is being read: offsets shift by one from then on.
        if (++asked === 3) list = ['new', ...ids]
        return Promise.resolve(pageOf(page, list))
      }
    })
    expect(restarts).toBe(1)
    expect(delivered).toEqual(['new', ...ids])
    expect(count).toBe(1001)
  })

  it('fails with the error of a page its receiver refused, and hands over no page after it', async () => {
    const delivered: number[] = []
    const asked: number[] = []
    const walk = streamPages({
      pageSize: 100, what: 'backup', keyOf: (id: string) => id, maxPagesInFlight: 4,
      onPage: (items) => {
        const page = Number(items[0]?.slice(1)) / 100 + 1
        if (page === 5) throw new Error('page 5 cannot be stored')
        delivered.push(page)
      },
      onRestart: () => undefined,
      fetchPage: async (page) => {
        asked.push(page)
        await shuffled(page)
        return pageOf(page)
      }
    })
    await expect(walk).rejects.toThrow('page 5 cannot be stored')
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(delivered).toEqual([1, 2, 3, 4])
    expect(Math.max(...asked)).toBeLessThan(10)
  })
})
