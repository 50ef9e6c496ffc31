import { Command, CommanderError } from 'commander'
import { CliFailure, CliSession, oneLine, type CliDeps, type CliIo, type GlobalOptions } from './cli-context.ts'
import { registerConnectionCommands } from './commands/connection.cli.ts'
import { registerFleetCommands } from './commands/fleet.cli.ts'
import { registerPlanFileCommands } from './commands/plan-file.cli.ts'
import { registerPolicyFileCommands } from './commands/policy-file.cli.ts'

/**
 * `backup-desk …`: parses `argv` (without node and the script) with commander and runs one command
 * over the app's core. Returns the exit code; errors are one line on stderr, never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  let exitCode = 0
  const program = new Command('backup-desk')
    .description('Backup Desk from scripts: Zilliz Cloud backup policies as files, fleet status and checks.')
    .version(deps.version)
    .option('--data-dir <dir>', 'the data folder (default: BACKUP_DESK_DATA_DIR, then the app\'s own)')
    .option('--connection <name-or-id>', 'the connection to use when there is more than one (plan and apply: whose clusters the file means)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })

  const run =
    (action: (session: CliSession, ...args: unknown[]) => Promise<number>) =>
    async (...args: unknown[]): Promise<void> => {
      const session = new CliSession(io, deps, program.opts<GlobalOptions>())
      try {
        exitCode = await action(session, ...args)
      } catch (error) {
        io.err(`backup-desk: ${oneLine(error)}\n`)
        exitCode = error instanceof CliFailure ? error.exitCode : 1
      } finally {
        await session.close()
      }
    }

  registerConnectionCommands(program, run)
  registerFleetCommands(program, run)
  registerPolicyFileCommands(program, run)
  registerPlanFileCommands(program, run)

  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1
    io.err(`backup-desk: ${oneLine(error)}\n`)
    return 1
  }
  return exitCode
}
