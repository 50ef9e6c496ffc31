import type { Command } from 'commander'
import { policyExportFormatSchema } from '#contract/commands/policy-file'
import { CliFailure, type CliSession } from '../cli-context.ts'

type Run = (action: (session: CliSession, ...args: unknown[]) => Promise<number>) => (...args: unknown[]) => Promise<void>

export function registerPolicyFileCommands(program: Command, run: Run): void {
  program
    .command('export')
    .description('Write the fleet\'s policies as a policy file (docs/policy-files.md) or as Terraform.')
    .option('--format <format>', 'yaml, json or terraform', 'yaml')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      run(async (session, opts) => {
        const { format, out } = opts as { format: string; out?: string }
        const parsed = policyExportFormatSchema.safeParse(format)
        if (!parsed.success) throw new CliFailure('--format must be yaml, json or terraform.')
        const [connection] = await session.connections('one')
        const exported = await session.invoke('policy/export', { format: parsed.data, ...(connection === undefined ? {} : { connectionId: connection.id }) })
        session.output(exported.content, out)
        if (out !== undefined) session.io.err(`Wrote ${exported.clusters} clusters to ${out}.\n`)
        return 0
      })
    )
}
