import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One canned answer: a status with headers and body, or `drop` (read the request, then cut the connection). */
export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'drop'

export type ReceivedRequest = { path: string; headers: IncomingHttpHeaders; body: string; json: unknown }

export type Receiver = {
  readonly port: number
  /** The URL of `path` on this receiver (http on loopback, which the app accepts for tests). */
  url(path?: string): string
  readonly requests: ReceivedRequest[]
  /** Answers for the next requests, in order; afterwards every request gets 200 "ok". */
  answerNext(...answers: ReceiverAnswer[]): void
  /** The answer for every request to `path` (takes precedence over `answerNext`). */
  answerAlways(path: string, answer: ReceiverAnswer): void
  close(): Promise<void>
}

/** A tiny webhook receiver on 127.0.0.1, standing in for Slack, Teams or a team's own endpoint. */
export async function startReceiver(port = 0): Promise<Receiver> {
  const requests: ReceivedRequest[] = []
  const queue: ReceiverAnswer[] = []
  const byPath = new Map<string, ReceiverAnswer>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      let json: unknown
      try {
        json = JSON.parse(body)
      } catch {
        json = null
      }
      requests.push({ path: req.url ?? '', headers: req.headers, body, json })
      const answer = byPath.get(req.url ?? '') ?? queue.shift() ?? { status: 200, body: 'ok' }
      if (answer === 'drop') {
        req.socket.destroy()
        return
      }
      res.writeHead(answer.status, { 'Content-Type': 'text/plain', ...answer.headers })
      res.end(answer.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const bound = (server.address() as AddressInfo).port
  return {
    port: bound,
    url: (path = '/hook') => `http://127.0.0.1:${String(bound)}${path}`,
    requests,
    answerNext: (...answers) => queue.push(...answers),
    answerAlways: (path, answer) => byPath.set(path, answer),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
