/**
 * The /_emulator/ control API: not part of Zilliz's API, no API key, loopback only.
 * Plain JSON bodies (no {code, data} envelope); errors are HTTP 400/404 + {error}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { iso } from './clock.ts'
import type { EmulatorCore } from './emulator.ts'
import { faultSpecSchema } from './faults.ts'
import { isLoopback, parseJson, readBody, sendJson } from './http-io.ts'

const advanceSchema = z.object({ ms: z.number().nonnegative() })
const setSchema = z.union([z.object({ epochMs: z.number() }), z.object({ iso: z.iso.datetime({ offset: true }) })])
const clusterSchema = z.object({
  projectId: z.string().optional(),
  clusterName: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  kind: z.enum(['dedicated', 'free', 'serverless']).optional(),
  regionId: z.string().optional(),
  plan: z.enum(['Free', 'Serverless', 'Standard', 'Enterprise', 'BusinessCritical']).optional(),
  cuType: z.string().optional(),
  cuSize: z.number().int().positive().optional(),
  description: z.string().optional(),
  collections: z.array(z.string()).optional()
})

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new ControlError(400, z.prettifyError(result.error))
  return result.data
}

export async function handleControl(core: EmulatorCore, req: IncomingMessage, res: ServerResponse, url: URL, headers: Record<string, string>): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { error: 'The control API answers loopback clients only.' }, headers)
    return
  }
  const parsed = parseJson(await readBody(req))
  try {
    if (!parsed.ok) throw new ControlError(400, 'The body is not valid JSON.')
    sendJson(res, 200, dispatch(core, req.method ?? 'GET', url.pathname, parsed.value), headers)
  } catch (error) {
    if (error instanceof ControlError) sendJson(res, error.status, { error: error.message }, headers)
    else if (error instanceof Error) sendJson(res, 400, { error: error.message }, headers)
    else throw error
  }
}

function clockView(core: EmulatorCore): { now: number; iso: string; mode: string } {
  const now = core.sync()
  return { now, iso: iso(now), mode: core.clock.mode }
}

function dispatch(core: EmulatorCore, method: string, path: string, body: unknown): unknown {
  const route = `${method} ${path.replace(/\/+$/, '')}`
  switch (route) {
    case 'GET /_emulator/clock':
      return clockView(core)
    case 'POST /_emulator/clock/advance':
      core.clock.advance(parse(advanceSchema, body).ms)
      core.changed()
      return clockView(core)
    case 'POST /_emulator/clock/set': {
      const input = parse(setSchema, body)
      core.clock.setTime('epochMs' in input ? input.epochMs : Date.parse(input.iso))
      core.changed()
      return clockView(core)
    }
    case 'GET /_emulator/state':
      return core.state()
    case 'GET /_emulator/requests':
      return { counts: Object.fromEntries(core.counts), rateLimited: core.limiter.rejected() }
    case 'GET /_emulator/faults':
      return { faults: core.faults.list() }
    case 'POST /_emulator/faults':
      core.faults.add(parse(faultSpecSchema, body))
      return { faults: core.faults.list() }
    case 'DELETE /_emulator/faults':
      core.faults.clear()
      return { faults: [] }
    case 'POST /_emulator/clusters':
      return { cluster: core.createCluster(parse(clusterSchema, body)) }
  }
  const drop = /^DELETE \/_emulator\/clusters\/([^/]+)$/.exec(route)
  if (drop?.[1] !== undefined) {
    core.dropCluster(decodeURIComponent(drop[1]))
    return { dropped: decodeURIComponent(drop[1]) }
  }
  throw new ControlError(404, `No control route for ${route}`)
}
