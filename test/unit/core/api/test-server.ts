/** A scripted local HTTP server (real sockets, not fetch mocks) for the API client tests. */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Recorded = {
  index: number
  method: string
  url: string
  authorization: string | undefined
  body: string
  /** performance.now() when the request head arrived. */
  at: number
}

export type Handler = (req: IncomingMessage, res: ServerResponse, rec: Recorded) => void

export type TestServer = {
  url: string
  port: number
  requests: Recorded[]
  /** Sockets the server has seen closed (by either side). */
  closedSockets: () => number
  close: () => Promise<void>
}

export const API_KEY = 'sk-test-6f1c2e0b9d8a7f65-secret'

export async function startServer(handler: Handler, port = 0): Promise<TestServer> {
  const requests: Recorded[] = []
  let closed = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const at = performance.now()
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const rec: Recorded = {
        index: requests.length,
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
        at
      }
      requests.push(rec)
      handler(req, res, rec)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => {
      closed++
      sockets.delete(socket)
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const actualPort = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    closedSockets: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

export const ok = (data: unknown) => ({ code: 0, data })

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** mulberry32: a small seeded PRNG so jitter is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An injected sleep that records the delays and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = []
  return { delays, sleep: (ms) => { delays.push(ms); return Promise.resolve() } }
}

/** Runs `fn` and returns what it threw (fails if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}
