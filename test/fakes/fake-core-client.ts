import type { CommandInput, CommandName, CommandOutput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import type { EventMessage, EventName, EventPayload } from '#contract/events'
import type { CoreClient, Unsubscribe } from '../../src-renderer/lib/core-client/core-client.ts'

/** A scripted command: answers an envelope (build it with `success`/`failure` from the contract), now or later. */
type Handler<N extends CommandName> = (input: CommandInput<N>) => Envelope<CommandOutput<N>> | Promise<Envelope<CommandOutput<N>>>

export type Call = { name: CommandName; input: unknown }

/**
 * The one sanctioned fake of our own code (the real clients need a host or Electron): renderer state
 * classes are tested against it. Commands answer what the test scripted; a command nobody scripted
 * rejects, so a test never passes on an answer it did not expect. Events are emitted by the test.
 */
export class FakeCoreClient implements CoreClient {
  readonly calls: Call[] = []
  private readonly handlers = new Map<CommandName, Handler<CommandName>>()
  private readonly listeners = new Set<(message: EventMessage) => void>()
  private readonly missedListeners = new Set<() => void>()
  /** Whether the event stream is up; a test drops it (`disconnect`) and brings it back (`reconnect`). */
  private isConnected = true

  answer<N extends CommandName>(name: N, handler: Handler<N>): this {
    this.handlers.set(name, handler)
    return this
  }

  async invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Envelope<CommandOutput<N>>> {
    this.calls.push({ name, input })
    const handler = this.handlers.get(name) as Handler<N> | undefined
    if (handler === undefined) throw new Error(`FakeCoreClient: no answer scripted for ${name}`)
    return handler(input)
  }

  subscribe(listener: (message: EventMessage) => void): Unsubscribe {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  onMissedEvents(listener: () => void): Unsubscribe {
    this.missedListeners.add(listener)
    return () => this.missedListeners.delete(listener)
  }

  /** The event stream drops (the host stopped): what is emitted until `reconnect` reaches no one, as in the host. */
  disconnect(): void {
    this.isConnected = false
  }

  /** The event stream is back, and the client says so, as the browser host's client does (event-gaps.ts). */
  reconnect(): void {
    this.isConnected = true
    for (const listener of [...this.missedListeners]) listener()
  }

  /** An event from the core; lost when the stream is down. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (!this.isConnected) return
    for (const listener of [...this.listeners]) listener({ name, payload } as EventMessage)
  }

  /** How many subscriptions are open: a `watch()` that forgets to unsubscribe leaves one behind. */
  get listenerCount(): number {
    return this.listeners.size
  }

  callsOf<N extends CommandName>(name: N): CommandInput<N>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as CommandInput<N>)
  }
}

/** A promise the test settles by hand, to hold an answer back (stale answers, ordering). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Lets every pending microtask and promise callback run (answers already resolved reach the state). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}
