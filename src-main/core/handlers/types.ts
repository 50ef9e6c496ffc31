import type { CommandName, CommandOutput, ParsedInput } from '#contract/commands'

type Handler<N extends CommandName> = (input: ParsedInput<N>) => Promise<CommandOutput<N>>

/** A domain's handlers; the annotated spread in create-core makes a missing one a compile error. */
export type HandlersFor<N extends CommandName> = { [K in N]: Handler<K> }

export type CoreHandlers = HandlersFor<CommandName>
