import { expect } from 'vitest'
import type { z } from 'zod'
import type { RunningEmulator } from '../../../src-main/emulator/index.ts'

export type Reply = { status: number; headers: Headers; body: unknown }

/** Monday 2025-06-02 12:00:00 UTC. */
export const MONDAY_NOON = Date.UTC(2025, 5, 2, 12, 0, 0)
export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export async function call(
  emu: Pick<RunningEmulator, 'url' | 'apiKey'>,
  method: string,
  path: string,
  body?: unknown,
  apiKey: string | null = emu.apiKey
): Promise<Reply> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (apiKey !== null) headers.Authorization = `Bearer ${apiKey}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(emu.url + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) })
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) }
}

type Envelope = { code: number; data?: unknown; message?: string }

function envelope(reply: Reply): Envelope {
  const body = reply.body as Envelope
  expect(typeof body.code).toBe('number')
  return body
}

/** Asserts HTTP 200 + code 0 and parses `data` with the documented shape. */
export function ok<T>(reply: Reply, schema: z.ZodType<T>): T {
  const body = envelope(reply)
  expect({ status: reply.status, code: body.code, message: body.message }).toEqual({ status: 200, code: 0, message: undefined })
  return schema.parse(body.data)
}

/** Asserts a {code, message} failure with the given HTTP status and code. */
export function fails(reply: Reply, code: number, status = 200): string {
  const body = envelope(reply)
  expect({ status: reply.status, code: body.code, hasData: 'data' in body }).toEqual({ status, code, hasData: false })
  expect(typeof body.message).toBe('string')
  return body.message ?? ''
}

export async function control(emu: Pick<RunningEmulator, 'url'>, method: string, path: string, body?: unknown): Promise<Reply> {
  return call({ url: emu.url, apiKey: '' }, method, `/_emulator${path}`, body, null)
}
