import type { CommandInput, CommandName, CommandOutput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import type { CoreClient } from './core-client.ts'
import { requestBody } from './host-requests.ts'

/** A client that can send a read before the screen that will want it exists (`sendEarly`). */
export type EarlyReadsClient = CoreClient & {
  /**
   * Sends `name` with `input` now; the first `invoke` of `name` takes its answer if it asks with the same input, and
   * sends its own request otherwise (the early answer is then dropped: a screen never shows a read it did not ask for).
   */
  sendEarly<N extends CommandName>(name: N, input: CommandInput<N>): void
  /** The answer of the early read of `name` not taken yet, for one who waits for it without taking it (main.ts). */
  answerOf(name: CommandName): Promise<unknown> | undefined
}

/**
 * `client`, able to send the first screen's read while the app's code still loads (first-screen.ts): one request,
 * answered once, to whichever of the two asks first. The early read is an ordinary `invoke` of `client`, so its
 * answer follows the same envelope, error and event-gap rules as any other (event-gaps.ts): it was sent before
 * the event stream began, like every first read.
 */
export function withEarlyReads(client: CoreClient): EarlyReadsClient {
  const early = new Map<CommandName, { key: string; answer: Promise<Envelope<unknown>> }>()
  return {
    sendEarly(name, input) {
      early.set(name, { key: requestBody(input), answer: client.invoke(name, input) })
    },
    answerOf: (name) => early.get(name)?.answer,
    invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Envelope<CommandOutput<N>>> {
      const sent = early.get(name)
      if (sent === undefined) return client.invoke(name, input)
      early.delete(name)
      return sent.key === requestBody(input) ? (sent.answer as Promise<Envelope<CommandOutput<N>>>) : client.invoke(name, input)
    },
    subscribe: (listener) => client.subscribe(listener),
    onMissedEvents: (listener) => client.onMissedEvents(listener)
  }
}
