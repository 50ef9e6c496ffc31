import type { z } from 'zod'

/** A command's input and output schemas. */
export type CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  readonly input: I
  readonly output: O
}

export function defineCommand<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I
  output: O
}): CommandSpec<I, O> {
  return spec
}
