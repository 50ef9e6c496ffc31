import type { Clock } from './lib/clock.ts'
import type { Logger } from './lib/logger.ts'
import { EventBus } from './lib/event-bus.ts'
import { createDispatcher, type Invoke } from './dispatch.ts'
import { appHandlers } from './handlers/app.handlers.ts'
import type { CoreHandlers } from './handlers/types.ts'

/** Everything the core needs from its host. Electron, the browser host and tests differ only here. */
export type CoreDeps = {
  version: string
  runtime: 'electron' | 'browser'
  dataDir: string
  clock: Clock
  logger: Logger
}

export type Core = {
  invoke: Invoke
  events: EventBus
  handlers: CoreHandlers
  start(): Promise<void>
  stop(): Promise<void>
}

/** Composes the core from injected dependencies. Nothing starts until `start()`. */
export function createCore(deps: CoreDeps): Core {
  const events = new EventBus()
  const handlers: CoreHandlers = {
    ...appHandlers(deps)
  }
  return {
    invoke: createDispatcher(handlers, deps.logger),
    events,
    handlers,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve()
  }
}
