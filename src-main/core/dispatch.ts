import { commands, isCommandName, type CommandInput, type CommandName, type CommandOutput } from '#contract/commands'
import { CoreError, type SerializedError } from '#contract/errors'
import { failure, failureOf, serializedError, success, type Envelope } from '#contract/envelope'
import type { Logger } from './lib/logger.ts'
import type { CoreHandlers } from './handlers/types.ts'

/** Typed for callers that know the command (tests, the demo launcher); untyped for the IPC and HTTP edges. */
export type Invoke = {
  <N extends CommandName>(name: N, input: CommandInput<N>): Promise<Envelope<CommandOutput<N>>>
  (name: string, rawInput: unknown): Promise<Envelope<unknown>>
}

/**
 * The single entry for every caller (IPC, HTTP, tests): checks the name against the contract,
 * parses the input with its schema, runs the handler and always resolves an envelope.
 * Validation messages name the command and the field, never the value sent.
 */
export function createDispatcher(handlers: CoreHandlers, logger: Logger): Invoke {
  const invoke = async (name: string, rawInput: unknown): Promise<Envelope<unknown>> => {
    if (!isCommandName(name)) {
      return failure('not-found', 'There is no such command.')
    }
    const parsed = commands[name].input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? ''
      const where = field === '' ? '' : ` (field "${field}")`
      return failure('input/invalid', `Invalid input for ${name}${where}.`, field === '' ? undefined : { field })
    }
    try {
      const run = handlers[name] as (input: unknown) => Promise<unknown>
      return success(await run(parsed.data))
    } catch (error) {
      return failureOf(toSerializedError(name, error, logger))
    }
  }
  return invoke
}

function toSerializedError(name: CommandName, error: unknown, logger: Logger): SerializedError {
  if (error instanceof CoreError) {
    if (error.code === 'internal') logger.error('command failed', { command: name, message: error.message })
    return error.toJSON()
  }
  logger.error('command crashed', {
    command: name,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  })
  return serializedError('internal', `Something went wrong in ${name}. The details are in the log.`)
}
