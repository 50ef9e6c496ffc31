import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type CoreBridge } from '#contract/bridge'
import { failure, type Envelope } from '#contract/envelope'

/**
 * The whole preload (docs/reliability.md#r8): `window.core = { invoke, on }`, nothing else. Only
 * constants and types come from the contract, so the CommonJS bundle requires `electron` alone,
 * as a sandboxed preload must. `ipcRenderer` and the IPC event never reach the page.
 */
const bridge = {
  async invoke(name: string, input: unknown): Promise<Envelope<unknown>> {
    try {
      return (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input)) as Envelope<unknown>
    } catch {
      // Main resolves envelopes and never rejects; this only happens before its handler exists
      // or while the app quits. The page still gets the one shape it knows.
      return failure('internal', 'The app core is not available right now.')
    }
  },
  on(listener: (name: string, payload: unknown) => void): () => void {
    const relay = (_event: IpcRendererEvent, message: unknown): void => {
      if (typeof message !== 'object' || message === null) return
      const { name, payload } = message as { name?: unknown; payload?: unknown }
      if (typeof name === 'string') listener(name, payload)
    }
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay)
    }
  }
} satisfies CoreBridge

contextBridge.exposeInMainWorld('core', bridge)
