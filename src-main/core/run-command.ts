import type { z } from 'zod'
import { CoreError, type SerializedError } from '#contract/errors'
import { failure, failureOf, serializedError, success, type Envelope } from '#contract/envelope'
import type { Logger } from './lib/logger.ts'

/**
 * Issues whose message may be shown: the schema's own words (e.g. "The API key looks too short.") and zod's, which
 * name a type, a limit or the allowed values. Not an unknown field's (zod names the key sent) nor a union's.
 */
const SAYS_NOTHING_SENT: ReadonlySet<string> = new Set(['custom', 'too_small', 'too_big', 'invalid_type', 'invalid_value', 'invalid_format', 'not_multiple_of'])

/**
 * One command, the way every caller gets it (core/dispatch.ts for the whole core; `backup-desk plan` for the one
 * command it composes): the input parsed with the command's contract schema, the handler run, and always an
 * envelope back. Validation messages name the command, the field and what is wrong with it, never the value sent.
 */
export async function runCommand<S extends z.ZodType, O>(
  name: string,
  input: S,
  handler: (input: z.output<S>) => Promise<O>,
  rawInput: unknown,
  logger: Logger
): Promise<Envelope<O>> {
  const parsed = input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') ?? ''
    const where = field === '' ? '' : ` (field "${field}")`
    const why = issue !== undefined && SAYS_NOTHING_SENT.has(issue.code) ? `: ${issue.message.replace(/\.?$/, '.')}` : '.'
    return failure('input/invalid', `Invalid input for ${name}${where}${why}`, field === '' ? undefined : { field })
  }
  try {
    return success(await handler(parsed.data))
  } catch (error) {
    return failureOf(toSerializedError(name, error, logger))
  }
}

function toSerializedError(name: string, error: unknown, logger: Logger): SerializedError {
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
