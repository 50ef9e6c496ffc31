import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { silentLogger } from '#core/lib/logger'
import { startHttpHost } from '#host/http-host'
import { createTestCore } from '../test/fakes/test-core.ts'
import { median, percentile, type Benchmark, type BenchResult } from './lib.ts'

const WARMUP = 100
const REQUESTS = 1000

type Answer = { status: number; body: string; isReusedSocket: boolean }

/** One `POST /rpc/app/info` on the shared keep-alive agent. */
function postAppInfo(url: string, token: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/rpc/app/info`,
      { method: 'POST', agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': 2 } },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, isReusedSocket: req.reusedSocket }))
        response.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end('{}')
  })
}

/**
 * The `app/info` round trip through the browser host as a tab's fetch would make it: real HTTP on
 * 127.0.0.1, the session token as a Bearer header, one keep-alive connection, requests one after another.
 * The core is the real one on a temp SQLite file (createTestCore); `app/info` touches no database, so the
 * figure is the host's and the dispatcher's own cost (auth, origin check, body read, schema parse, JSON).
 */
export const benchmark: Benchmark = {
  title: 'browser host: app/info round trip',
  async run(): Promise<BenchResult[]> {
    const core = createTestCore()
    const token = randomBytes(24).toString('base64url')
    const host = await startHttpHost({ invoke: core.invoke, events: core.events, rendererDir: join(core.dataDir, 'renderer'), token, logger: silentLogger })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const check = (answer: Answer): void => {
        if (answer.status !== 200 || !answer.body.startsWith('{"ok":true')) {
          throw new Error(`app/info answered ${String(answer.status)}: ${answer.body.slice(0, 200)}`)
        }
      }
      for (let i = 0; i < WARMUP; i++) check(await postAppInfo(host.url, token, agent))
      const times: number[] = []
      let reused = 0
      for (let i = 0; i < REQUESTS; i++) {
        const start = performance.now()
        const answer = await postAppInfo(host.url, token, agent)
        times.push(performance.now() - start)
        check(answer)
        if (answer.isReusedSocket) reused++
      }
      const notes = `${String(REQUESTS)} sequential requests after ${String(WARMUP)} warm-up, ${String(reused)} on a reused socket`
      return [
        { name: 'median', value: median(times), unit: 'ms', notes },
        { name: 'p95', value: percentile(times, 95), unit: 'ms' },
        { name: 'p99', value: percentile(times, 99), unit: 'ms' },
        { name: 'max', value: Math.max(...times), unit: 'ms' }
      ]
    } finally {
      agent.destroy()
      await host.close()
      await core.close()
      rmSync(core.dataDir, { recursive: true, force: true })
    }
  }
}
