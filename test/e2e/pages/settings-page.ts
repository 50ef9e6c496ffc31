import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { E2E_TOKEN } from '../fixtures.ts'
import { startEmulator, type RunningEmulator } from '../../../src-main/emulator/index.ts'

type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

/** Calls a contract command on the host the way other programs do (Bearer token). */
export async function rpc<T>(request: APIRequestContext, name: string, data: unknown): Promise<T> {
  const response = await request.post(`/rpc/${name}`, { headers: { Authorization: `Bearer ${E2E_TOKEN}` }, data })
  const envelope = (await response.json()) as Envelope<T>
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.value
}

/** `close` takes a live request context: the one used to connect may have been disposed since. */
export type ConnectedEmulator = { emulator: RunningEmulator; connectionId: string; close(request?: APIRequestContext): Promise<void> }

/** Starts a demo emulator, adds it as a connection and syncs it; `close` removes both again. */
export async function connectEmulator(request: APIRequestContext, name: string, seed = 'demo'): Promise<ConnectedEmulator> {
  const emulator = await startEmulator({ seed, port: 0 })
  const connection = await rpc<{ id: string }>(request, 'connection/add', { name, baseUrl: emulator.url, apiKey: emulator.apiKey })
  await rpc(request, 'connection/activate', { id: connection.id })
  await syncWhenIdle(request, connection.id)
  return {
    emulator,
    connectionId: connection.id,
    async close(live = request) {
      await rpc(live, 'connection/remove', { id: connection.id, drafts: 'delete' })
      await emulator.close()
    }
  }
}

/** `sync/run`, retried while the first sync the core started by itself still runs (`busy`). */
export async function syncWhenIdle(request: APIRequestContext, connectionId: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await request.post('/rpc/sync/run', { headers: { Authorization: `Bearer ${E2E_TOKEN}` }, data: { connectionId } })
    const envelope = (await response.json()) as Envelope<unknown>
    if (envelope.ok) return
    if (envelope.error.code !== 'busy') throw new Error(`sync/run: ${envelope.error.message}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('sync/run stayed busy')
}

/** Settings: connections, notification settings, about. */
export class SettingsPage {
  readonly addButton: Locator
  readonly name: Locator
  readonly region: Locator
  readonly baseUrl: Locator
  readonly apiKey: Locator
  readonly testButton: Locator
  readonly saveButton: Locator
  readonly formError: Locator
  readonly connections: Locator

  constructor(readonly page: Page) {
    this.addButton = page.getByRole('button', { name: 'Add connection' })
    this.name = page.getByLabel('Name', { exact: true })
    this.region = page.getByLabel('Zilliz Cloud region')
    this.baseUrl = page.getByLabel('Base URL')
    this.apiKey = page.getByLabel('API key')
    this.testButton = page.getByRole('button', { name: 'Test connection' })
    this.saveButton = page.getByRole('button', { name: 'Save connection' })
    this.formError = page.getByRole('form', { name: 'Add a connection' }).getByRole('alert')
    this.connections = page.getByRole('list', { name: 'Saved connections' })
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/settings`)
    await this.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
  }

  async fillConnection(name: string, url: string, key: string): Promise<void> {
    await this.addButton.click()
    await this.name.fill(name)
    await this.region.selectOption('custom')
    await this.baseUrl.fill(url)
    await this.apiKey.fill(key)
  }

  connection(name: string): Locator {
    return this.connections.getByRole('listitem', { name })
  }

  setting(label: string): Locator {
    return this.page.getByLabel(label)
  }
}
