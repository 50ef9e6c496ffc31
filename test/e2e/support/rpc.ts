import type { APIRequestContext, Page } from '@playwright/test'
import type { CommandInput, CommandName, CommandOutput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import { E2E_TOKEN } from '../fixtures.ts'

/**
 * Calls a contract command on a browser host the way other programs do (`POST /rpc/<name>` with the bearer
 * token), typed by the contract: set-up data that the core would refuse fails to compile. The shared host by
 * default; pass `baseUrl` and `token` for a host of the test's own (support/host-process.ts).
 */
export async function rpc<N extends CommandName>(
  request: APIRequestContext,
  name: N,
  input: CommandInput<N>,
  baseUrl = '',
  token = E2E_TOKEN
): Promise<CommandOutput<N>> {
  const response = await request.post(`${baseUrl}/rpc/${name}`, { data: input, headers: { Authorization: `Bearer ${token}` } })
  const envelope = (await response.json()) as Envelope<CommandOutput<N>>
  if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.value
}

/** `sync/run`, retried while a sync the core started by itself still runs (`busy`). */
export async function syncWhenIdle(request: APIRequestContext, connectionId: string, baseUrl = '', token = E2E_TOKEN): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await request.post(`${baseUrl}/rpc/sync/run`, { headers: { Authorization: `Bearer ${token}` }, data: { connectionId } })
    const envelope = (await response.json()) as Envelope<unknown>
    if (envelope.ok) return
    if (envelope.error.code !== 'busy') throw new Error(`sync/run failed: ${envelope.error.code} ${envelope.error.message}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('sync/run stayed busy')
}

/** The core calls (`noun/verb`) `page` sends from now on, in the order sent: the list grows as the page sends more. */
export function coreCallsSent(page: Page): string[] {
  const sent: string[] = []
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (path.startsWith('/rpc/')) sent.push(path.slice('/rpc/'.length))
  })
  return sent
}
