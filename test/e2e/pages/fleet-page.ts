import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { E2E_TOKEN } from '../fixtures.ts'

type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

/** Calls a command on a browser host the way other programs do: `POST /rpc/<name>` with the bearer token. */
export async function rpc<T>(request: APIRequestContext, name: string, input: unknown, baseUrl = '', token = E2E_TOKEN): Promise<T> {
  const response = await request.post(`${baseUrl}/rpc/${name}`, { data: input, headers: { Authorization: `Bearer ${token}` } })
  const envelope = (await response.json()) as Envelope<T>
  if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.value
}

export type ClusterRef = { clusterId: string; clusterName: string; protection: { class: string } }

export type DemoConnection = { emulator: RunningEmulator; connectionId: string }

/**
 * Starts a demo emulator, connects the shared host to it (as the active connection) and syncs. Every demo
 * emulator has the same cluster ids, so each spec removes its connection again with `disconnectDemo`.
 */
export async function connectDemoEmulator(request: APIRequestContext, name: string): Promise<DemoConnection> {
  const emulator = await startEmulator({ seed: 'demo' })
  const connection = await rpc<{ id: string }>(request, 'connection/add', { name, baseUrl: emulator.url, apiKey: emulator.apiKey })
  await rpc(request, 'connection/activate', { id: connection.id })
  await rpc(request, 'sync/run', { connectionId: connection.id })
  return { emulator, connectionId: connection.id }
}

export async function disconnectDemo(request: APIRequestContext, demo: DemoConnection | undefined): Promise<void> {
  if (demo === undefined) return
  await rpc(request, 'connection/remove', { id: demo.connectionId, drafts: 'delete' })
  await demo.emulator.close()
}

export async function clusterByName(request: APIRequestContext, clusterName: string, baseUrl = '', token = E2E_TOKEN): Promise<ClusterRef> {
  const clusters = await rpc<ClusterRef[]>(request, 'cluster/list', {}, baseUrl, token)
  const cluster = clusters.find((c) => c.clusterName === clusterName)
  if (cluster === undefined) throw new Error(`No cluster named ${clusterName}`)
  return cluster
}

export type RemotePolicy = { status: string; frequency: string | null; startTime: string | null; retentionDays: number }

/** Reads or sets a policy directly on the emulator, as another admin or the console would. */
export async function remotePolicy(emulator: { url: string; apiKey: string }, clusterId: string): Promise<RemotePolicy> {
  const response = await fetch(`${emulator.url}/v2/clusters/${clusterId}/backups/policy`, { headers: { Authorization: `Bearer ${emulator.apiKey}` } })
  return ((await response.json()) as { data: RemotePolicy }).data
}

export async function setRemotePolicy(emulator: { url: string; apiKey: string }, clusterId: string, policy: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.url}/v2/clusters/${clusterId}/backups/policy`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(policy)
  })
  const body = (await response.json()) as { code: number; message?: string }
  if (body.code !== 0) throw new Error(`The emulator refused the policy: ${body.code} ${body.message ?? ''}`)
}

/** The fleet: clusters grouped by project. */
export class FleetPage {
  readonly heading: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Fleet' })
  }

  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E_TOKEN}#/fleet`)
  }

  project(projectName: string): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${projectName}\\b`) })
  }

  row(clusterName: string): Locator {
    return this.page.getByTestId('cluster-row').filter({ has: this.page.getByRole('link', { name: clusterName, exact: true }) })
  }

  clusterLink(clusterName: string): Locator {
    return this.page.getByRole('link', { name: clusterName, exact: true })
  }

  async openCluster(clusterName: string): Promise<void> {
    await this.clusterLink(clusterName).click()
    await this.page.getByRole('heading', { level: 1, name: clusterName }).waitFor()
  }
}
