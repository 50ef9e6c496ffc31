import { commands, isCommandName, type CommandInput, type CommandName, type CommandOutput } from '#contract/commands'
import { failure, type Envelope } from '#contract/envelope'
import type { Logger } from './lib/logger.ts'
import type { CoreHandlers } from './handlers/types.ts'
import { runCommand } from './run-command.ts'

/** Typed for callers that know the command (tests, the demo launcher); untyped for the IPC and HTTP edges. */
export type Invoke = {
  <N extends CommandName>(name: N, input: CommandInput<N>): Promise<Envelope<CommandOutput<N>>>
  (name: string, rawInput: unknown): Promise<Envelope<unknown>>
}

/**
 * The single entry for every caller (IPC, HTTP, tests): checks the name against the contract, then runs the
 * command (core/run-command.ts: the input parsed with its schema, the handler run, always an envelope back).
 */
export function createDispatcher(handlers: CoreHandlers, logger: Logger): Invoke {
  const invoke = async (name: string, rawInput: unknown): Promise<Envelope<unknown>> => {
    if (!isCommandName(name)) {
      return failure('not-found', 'There is no such command.')
    }
    const run = handlers[name] as (input: unknown) => Promise<unknown>
    return runCommand(name, commands[name].input, run, rawInput, logger)
  }
  return invoke
}
