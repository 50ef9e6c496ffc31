import type { Invoke } from '../dispatch.ts'

/** The emulator's demo organization as a connection: name, address and key. */
export type DemoOrganization = { name: string; baseUrl: string; apiKey: string }

/**
 * Gives the core a ready, active connection to the demo emulator. The emulator listens on a new
 * port each run, so an earlier run's demo connection is replaced.
 */
export function connectDemo(invoke: Invoke) {
  return async (demo: DemoOrganization): Promise<string> => {
    const listed = await invoke('connection/list', {})
    for (const old of (listed.ok ? listed.value : []).filter((c) => c.name === demo.name)) {
      await invoke('connection/remove', { id: old.id, drafts: 'keep' })
    }
    const added = await invoke('connection/add', { ...demo, tag: { label: 'demo', color: 'purple' } })
    if (!added.ok) throw new Error(`The demo connection could not be added: ${added.error.message}`)
    await invoke('connection/activate', { id: added.value.id })
    return added.value.id
  }
}
