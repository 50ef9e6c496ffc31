import type { EventMessage, EventName, EventPayload } from '#contract/events'

export type EventListener = (message: EventMessage) => void
export type Unsubscribe = () => void

/** The core's typed event stream; hosts forward every message to their renderers. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const message = { name, payload } as EventMessage
    for (const listener of [...this.listeners]) listener(message)
  }

  subscribe(listener: EventListener): Unsubscribe {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get listenerCount(): number {
    return this.listeners.size
  }
}
