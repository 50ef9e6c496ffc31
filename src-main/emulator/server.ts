/** The HTTP server: loopback only, common headers, /_emulator/ control vs /v2 API. */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { handleApi } from './api-pipeline.ts'
import type { PipelineOptions } from './api-pipeline.ts'
import type { EmulatorCore } from './emulator.ts'
import { handleControl } from './control.ts'
import { sendJson } from './http-io.ts'

export function createEmulatorServer(core: EmulatorCore, options: PipelineOptions): Server {
  return createServer({ noDelay: true, keepAlive: true }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    // Date carries emulator time so a client can reason about "now" as the emulator sees it (README [I]).
    const headers = { requestid: randomUUID(), Date: new Date(core.clock.now()).toUTCString() }
    const work = url.pathname.startsWith('/_emulator/')
      ? handleControl(core, req, res, url, headers)
      : handleApi(core, options, req, res, url, headers)
    work.catch((error: unknown) => {
      // A bug must not take the server down: answer 500 and keep serving.
      const message = error instanceof Error ? error.message : String(error)
      if (!res.headersSent) sendJson(res, 500, { code: 500, message: `Emulator internal error: ${message}` }, headers)
      else res.destroy()
    })
  })
}
