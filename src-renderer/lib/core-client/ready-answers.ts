import type { CommandName, CommandOutput } from '#contract/commands'
import type { Envelope } from '#contract/envelope'
import type { CoreClient } from './core-client.ts'

/**
 * A client that holds some answers before anything is asked: those of the reads the host made for its first paint
 * of this page (contract/first-paint.ts). The host renders the app with them, and the page takes over that markup
 * (hydrates it) with the same ones, so that each state's first value is the same on both sides. A state takes its
 * answer as it is created (`readyAnswer`), once: a state made later reads from the core, as every later read does.
 */
export type ReadyAnswersClient = CoreClient & {
  readyAnswer<N extends CommandName>(name: N): Envelope<CommandOutput<N>> | undefined
}

/** The answer to `name` that `core` holds ready, if it is such a client and has one not taken yet. */
export function readyAnswer<N extends CommandName>(core: CoreClient, name: N): Envelope<CommandOutput<N>> | undefined {
  return 'readyAnswer' in core ? (core as ReadyAnswersClient).readyAnswer(name) : undefined
}

/** `client`, holding `answers` (a command's name → its answer) for the states that take them. */
export function withReadyAnswers<C extends CoreClient>(client: C, answers: Readonly<Record<string, Envelope<unknown>>>): C & ReadyAnswersClient {
  const held = new Map(Object.entries(answers))
  return {
    ...client,
    readyAnswer<N extends CommandName>(name: N): Envelope<CommandOutput<N>> | undefined {
      const answer = held.get(name)
      held.delete(name)
      return answer as Envelope<CommandOutput<N>> | undefined
    }
  }
}
