import type { Envelope } from './envelope.ts'

/** The only two raw IPC channels; every command and event travels inside them. */
export const IPC_INVOKE_CHANNEL = 'core:invoke'
export const IPC_EVENT_CHANNEL = 'core:event'

/** What the preload exposes on `window.core`, and nothing else. */
export type CoreBridge = {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>
  on(listener: (name: string, payload: unknown) => void): () => void
}
