import type { APIRequestContext } from '@playwright/test'
import { startEmulator, type RunningEmulator } from '#emulator/index'
import { rpc, syncWhenIdle } from './rpc.ts'

export type ConnectedEmulator = { emulator: RunningEmulator; connectionId: string }

/**
 * Starts an emulator (the demo organization unless `seed` says otherwise), connects the shared host to it as
 * the active connection and syncs. Every demo emulator has the same cluster ids, so each spec removes its
 * connection again with `disconnectEmulator`.
 */
export async function connectEmulator(request: APIRequestContext, name: string, seed = 'demo'): Promise<ConnectedEmulator> {
  const emulator = await startEmulator({ seed, port: 0 })
  const connection = await rpc(request, 'connection/add', { name, baseUrl: emulator.url, apiKey: emulator.apiKey })
  await rpc(request, 'connection/activate', { id: connection.id })
  await syncWhenIdle(request, connection.id)
  return { emulator, connectionId: connection.id }
}

/** Removes the connection (and its drafts) and stops its emulator; `request` must be a live context. */
export async function disconnectEmulator(request: APIRequestContext, connected: ConnectedEmulator | undefined): Promise<void> {
  if (connected === undefined) return
  await rpc(request, 'connection/remove', { id: connected.connectionId, drafts: 'delete' })
  await connected.emulator.close()
}

/** A cluster of the shared (or the given) host by its name; throws when there is none. */
export async function clusterByName(request: APIRequestContext, clusterName: string, baseUrl = '', token?: string) {
  const clusters = await rpc(request, 'cluster/list', {}, baseUrl, token)
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
