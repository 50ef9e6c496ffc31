import { startEmulator, type RunningEmulator } from '#emulator/index'
import type { Invoke } from '#core/dispatch'

export const DEMO_CONNECTION_NAME = 'Demo organization (emulator)'

/**
 * Demo mode: an embedded Zilliz Cloud emulator seeded with a demo organization, and a ready
 * connection to it, so the whole app works with no Zilliz account.
 */
export async function startDemo(invoke: Invoke): Promise<RunningEmulator> {
  const emulator = await startEmulator({ seed: 'demo', jobDurationMs: 45_000 })
  const listed = await invoke('connection/list', {})
  const existing = listed.ok ? listed.value : []
  // The emulator listens on a new port each run: replace an earlier run's demo connection.
  for (const old of existing.filter((c) => c.name === DEMO_CONNECTION_NAME)) {
    await invoke('connection/remove', { id: old.id, drafts: 'keep' })
  }
  const added = await invoke('connection/add', {
    name: DEMO_CONNECTION_NAME,
    baseUrl: emulator.url,
    apiKey: emulator.apiKey,
    tag: { label: 'demo', color: 'purple' }
  })
  if (!added.ok) throw new Error(`The demo connection could not be added: ${added.error.message}`)
  await invoke('connection/activate', { id: added.value.id })
  return emulator
}
