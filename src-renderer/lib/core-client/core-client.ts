import type { CommandInput, CommandName, CommandOutput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import type { EventMessage } from '#contract/events'

export type Unsubscribe = () => void

/**
 * The renderer's only way to reach the core. Two implementations (IPC under Electron, HTTP + SSE in
 * the browser host), chosen once at boot; nothing else knows which one runs.
 */
export type CoreClient = {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Envelope<CommandOutput<N>>>
  subscribe(listener: (message: EventMessage) => void): Unsubscribe
  /**
   * Calls `listener` whenever what was read so far may have missed an event: the event stream reconnected (the
   * browser host restarted), or a read was answered before the stream began. State read before must be read again
   * (follow.ts). Never under Electron, whose one channel carries answers and events in order.
   */
  onMissedEvents(listener: () => void): Unsubscribe
}
